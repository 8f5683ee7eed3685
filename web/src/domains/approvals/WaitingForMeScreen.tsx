// "Waiting for me": the requests the user decides now (a lazily loaded screen).
import { WaitingForMeScreen } from './InboxScreen.tsx';

export default WaitingForMeScreen;
