// The screens domains add to the web app: a route each, and optionally a menu entry. A domain lists
// its own in web/src/domains/<d>/screens.ts; this file only joins the lists, so adding a screen never
// touches the router or the menu.
import type { ComponentType, LazyExoticComponent } from 'react';
import type { ObjectDef } from '../app/metadata.ts';
import type { RecordRow } from '../records/useRecordList.ts';
import { salesPanels, salesScreens } from './sales/screens.ts';

export interface DomainScreen {
  /** Route under the app root, e.g. `sales/pipelines` (may hold `:params`). */
  path: string;
  screen: LazyExoticComponent<ComponentType>;
  /** A menu entry below the objects; shown only when the caller may read `requiresObject`. */
  menu?: { labelKey: string; requiresObject?: string };
}

export const domainScreens: DomainScreen[] = [...salesScreens];

/** A domain's panel on the record page of one object (below the details), loaded when shown. */
export interface DomainPanel {
  object: string;
  panel: LazyExoticComponent<ComponentType<{ def: ObjectDef; record: RecordRow }>>;
}

export const domainPanels: DomainPanel[] = [...salesPanels];
