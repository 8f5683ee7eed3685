// The knowledge module's screens: the knowledge base opens from its menu entry.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const knowledgeScreens: DomainScreen[] = [{ path: 'knowledge', screen: lazy(() => import('./KnowledgeScreen.tsx')), objectHome: 'knowledgeArticles' }];
