// "Overdue": the open tasks past their due date that the user may read (theirs, their team's, shared).
import { TaskList } from './TaskList.tsx';

export default function OverdueTasksScreen() {
  return <TaskList kind="overdue" />;
}
