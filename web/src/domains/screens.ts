// The screens domains add to the web app: a route each, and optionally a menu entry. A domain lists
// its own in web/src/domains/<d>/screens.ts; this file only joins the lists, so adding a screen never
// touches the router or the menu.
import type { ComponentType, LazyExoticComponent } from 'react';
import { salesScreens } from './sales/screens.ts';
import { dataScreens } from './data/screens.ts';

export interface DomainScreen {
  /** Route under the app root, e.g. `sales/pipelines` (may hold `:params`). */
  path: string;
  screen: LazyExoticComponent<ComponentType>;
  /** A menu entry below the objects; shown only when the caller may read `requiresObject`. */
  menu?: { labelKey: string; requiresObject?: string };
}

export const domainScreens: DomainScreen[] = [...salesScreens, ...dataScreens];
