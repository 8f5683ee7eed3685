// "My tasks": the open tasks assigned to the signed-in user, soonest due first.
import { TaskList } from './TaskList.tsx';

export default function MyTasksScreen() {
  return <TaskList kind="mine" />;
}
