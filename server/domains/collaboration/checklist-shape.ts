// A task's checklist as it is stored in the task's `checklist` field and sent over the API: one
// definition, free of imports, that the server checks against and the web app edits.

export const MAX_CHECKLIST_ITEMS = 100;
export const MAX_ITEM_LENGTH = 200;

export interface ChecklistItem {
  text: string;
  isDone: boolean;
}
