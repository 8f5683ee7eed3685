// The screens and record-page panels domains add to the web app. A domain lists its own in
// web/src/domains/<d>/screens.ts; this file only joins the lists, so adding a screen or a panel never
// touches the router, the menu or the record page.
import type { ComponentType, LazyExoticComponent } from 'react';
import type { ObjectDef } from '../app/metadata.ts';
import type { RecordRow } from '../records/useRecordList.ts';
import { salesPanels, salesScreens } from './sales/screens.ts';
import { collaborationPanels, collaborationScreens } from './collaboration/screens.ts';
import { knowledgeScreens } from './knowledge/screens.ts';
import { dataScreens } from './data/screens.ts';
import { duplicateScreens } from './data/duplicate-screens.ts';
import { networkPanels } from './network/screens.ts';
import { receivablesPanels, receivablesScreens } from './receivables/screens.ts';
import { workReportScreens } from './work-reports/screens.ts';
import { bulletinScreens } from './bulletin/screens.ts';
import { calendarPanels, calendarScreens } from './calendar/screens.ts';
import { quotePanels } from './quotes/screens.ts';
import { approvalPanels, approvalScreens } from './approvals/screens.ts';

export interface DomainScreen {
  /** Route under the app root, e.g. `sales/pipelines` (may hold `:params`). */
  path: string;
  screen: LazyExoticComponent<ComponentType>;
  /**
   * A menu entry, shown only when the caller may read `requiresObject`; placed right after the menu
   * entry of `after` (default: `requiresObject`), or at the end when that object is not in the menu.
   */
  menu?: { labelKey: string; requiresObject?: string; after?: string };
  /** The object whose menu entry opens this screen instead of the object's generic list. */
  objectHome?: string;
  /** Shown beside the `objectHome` object's menu entry (e.g. a count of unread items); loaded lazily. */
  menuBadge?: LazyExoticComponent<ComponentType>;
}

/** A domain's panel on the record page of one object (below the details), loaded when shown. */
export interface DomainPanel {
  /** The object whose record page shows it; `*` for every object `isShownForObject` accepts. */
  object: string;
  /** With `object: '*'`: the objects whose record pages show it (e.g. those with an approval status). */
  isShownForObject?: (def: ObjectDef) => boolean;
  /**
   * `isLocked`: a module refuses changes to the record now (`GET /{object}/{id}/lock`); panels offer none.
   * `canEdit`: the user's access lets them edit this record (asked per record); without it panels only show.
   */
  panel: LazyExoticComponent<ComponentType<{ def: ObjectDef; record: RecordRow; isLocked?: boolean; canEdit?: boolean }>>;
  /** Shown only for the records this accepts (e.g. activities that are tasks); all by default. */
  isShownFor?: (record: RecordRow) => boolean;
}

export const domainScreens: DomainScreen[] = [...salesScreens, ...collaborationScreens, ...knowledgeScreens, ...dataScreens, ...duplicateScreens, ...receivablesScreens, ...workReportScreens, ...bulletinScreens, ...calendarScreens, ...approvalScreens];

export const domainPanels: DomainPanel[] = [...salesPanels, ...collaborationPanels, ...networkPanels, ...receivablesPanels, ...calendarPanels, ...quotePanels, ...approvalPanels];

