// "My requests": what the user submitted for approval (a lazily loaded screen).
import { MyRequestsScreen } from './InboxScreen.tsx';

export default MyRequestsScreen;
