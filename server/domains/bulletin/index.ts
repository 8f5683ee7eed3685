// The bulletin module (公告): announcements in columns, for everyone or chosen teams, pinned posts,
// read receipts, notices on publishing. Attachments are the files feature's, on the announcement.
import { defineModule } from '../../records/index.ts';
import { announcementReads, announcements, bulletinColumns } from './objects.ts';
import { announcementHooks, readHooks } from './audience.ts';
import { bulletinRoutes } from './routes.ts';
import { ensureBulletinPermissions } from './role-defaults.ts';

export const bulletinModule = defineModule({
  name: 'bulletin',
  // Columns before announcements, announcements before their reads: tables refer to those before them.
  objects: [bulletinColumns, announcements, announcementReads],
  hooks: { announcements: announcementHooks, announcementReads: readHooks },
  routes: bulletinRoutes,
  seed: ensureBulletinPermissions,
});
