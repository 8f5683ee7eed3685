// An announcement's own address (a notice, a search hit) opens it in the board's reader, which records
// the read; the generic record page would not.
import { Navigate, useParams } from 'react-router';

export default function OpenAnnouncement() {
  const { id } = useParams();
  return <Navigate replace to={`/bulletin?announcement=${encodeURIComponent(id ?? '')}`} />;
}
