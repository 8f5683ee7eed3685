// The bulletin module's screens: the board opens from the announcements' menu entry, with the unread
// count; an announcement's own address opens it on the board.
import { lazy } from 'react';
import type { DomainScreen } from '../screens.ts';

export const bulletinScreens: DomainScreen[] = [
  { path: 'bulletin', screen: lazy(() => import('./BulletinScreen.tsx')), objectHome: 'announcements', menuBadge: lazy(() => import('./UnreadBadge.tsx')) },
  { path: 'announcements/:id', screen: lazy(() => import('./OpenAnnouncement.tsx')) },
];
