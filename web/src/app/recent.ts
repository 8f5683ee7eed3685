// Recently viewed records, kept in this browser per user (the server has no store for them): the
// record page adds to the list, Home and the search palette show it.
import { useEffect, useState } from 'react';

export interface RecentRecord {
  object: string;
  id: string;
  title: string;
}

const LIMIT = 10;
const CHANGED = 'guanxi-recent-changed';
const keyOf = (userId: string) => `guanxi.recent.${userId}`;

/** The user's recently viewed records, newest first. */
export function readRecent(userId: string): RecentRecord[] {
  try {
    const list = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as RecentRecord[]).filter((r) => r && typeof r.id === 'string' && typeof r.object === 'string') : [];
  } catch {
    return [];
  }
}

function write(userId: string, list: RecentRecord[]) {
  localStorage.setItem(keyOf(userId), JSON.stringify(list.slice(0, LIMIT)));
  window.dispatchEvent(new Event(CHANGED));
}

/** Puts a record at the top of the user's list (once). */
export function rememberRecent(userId: string, record: RecentRecord): void {
  const list = readRecent(userId);
  if (list[0]?.id === record.id && list[0].title === record.title) return;
  write(userId, [record, ...list.filter((r) => r.id !== record.id)]);
}

/** Takes a record off the list (it was deleted or is no longer visible). */
export function forgetRecent(userId: string, id: string): void {
  const list = readRecent(userId);
  if (list.some((r) => r.id === id)) write(userId, list.filter((r) => r.id !== id));
}

/** The list, kept current as records are opened in this or another tab. */
export function useRecent(userId: string): RecentRecord[] {
  const [list, setList] = useState(() => readRecent(userId));
  useEffect(() => {
    const refresh = () => setList(readRecent(userId));
    refresh();
    window.addEventListener(CHANGED, refresh);
    window.addEventListener('storage', refresh);
    return () => {
      window.removeEventListener(CHANGED, refresh);
      window.removeEventListener('storage', refresh);
    };
  }, [userId]);
  return list;
}
