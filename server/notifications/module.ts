// The first producer of notifications, for every object: when someone gives a record to another
// person (a new owner), that person is told. The notice is written in the writing transaction itself,
// so it exists exactly when the write commits: a process that dies right after the commit loses no
// notice, and a rolled-back write sends none. Its e-mail is then sent by the mail job (email.ts),
// which drains the notices marked `pending`.
import { defineModule, type WrittenRecord } from '../records/index.ts';
import { notify } from './service.ts';

async function notifyNewOwner(write: WrittenRecord): Promise<void> {
  // Work the system does by itself (loading the demo, imports, jobs) gives no one a notice.
  if (write.caller.isSystem || (write.action !== 'create' && write.action !== 'update')) return;
  const owner = write.record?.ownerId as string | undefined;
  const actorId = write.caller.ctx.userId;
  if (!owner || owner === actorId || owner === write.before?.ownerId) return;
  await notify(write.caller.db, { userId: owner, kind: 'record.assigned', objectName: write.object.name, recordId: write.id, actorId });
}

export const notificationsModule = defineModule({
  name: 'notifications',
  hooks: { '*': { afterWrite: notifyNewOwner } },
});
