// The modules this installation runs, in order: their objects make up the standard data model and
// their hooks run in this order on every write.
import { installModules } from '../records/index.ts';
import { coreModule } from './core/index.ts';
import { salesModule } from './sales/index.ts';
import { forecastModule } from './sales/forecast-module.ts';
import { receivablesModule } from './sales/receivables/index.ts';
import { quotesModule } from './sales/quotes/index.ts';
import { dataModule } from './data/index.ts';
import { collaborationModule } from './collaboration/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import { duplicatesModule } from './data/duplicate-module.ts';
import { networkModule } from './network/index.ts';
import { workReportsModule } from './collaboration/reports/index.ts';
import { bulletinModule } from './bulletin/index.ts';
import { calendarModule } from './calendar/index.ts';
import { approvalsModule } from './approvals/index.ts';
import { notificationsModule } from '../notifications/module.ts';

export const installedModules = installModules([coreModule, salesModule, forecastModule, receivablesModule, dataModule, duplicatesModule, collaborationModule, knowledgeModule, networkModule, workReportsModule, bulletinModule, calendarModule, quotesModule, approvalsModule, notificationsModule]);
