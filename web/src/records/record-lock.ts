// Whether the signed-in user may change one record now, as the server answers it: the record page
// shows its buttons by it, and the list's cell editor refuses before anything is typed.
import { useQuery } from '@tanstack/react-query';
import { get } from '../app/api.ts';
import type { RecordLock } from '../../../server/records/record-lock-shape.ts';

export type { RecordLock };

/** The record's lock and the user's rights on it; under the record's key, so what refreshes the record asks again. */
export function useRecordLock(object: string, id: string, isEnabled = true) {
  return useQuery({
    queryKey: ['record', object, id, 'lock'],
    queryFn: () => get<RecordLock>(`/api/v1/${object}/${id}/lock`),
    enabled: isEnabled,
  });
}
