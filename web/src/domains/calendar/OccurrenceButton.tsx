// One occurrence in a calendar cell: its start time and subject, coloured by type; opens the event.
import { useTranslation } from 'react-i18next';
import type { Occurrence } from './calendar-api.ts';
import { formatTime } from './calendar-format.ts';

export function OccurrenceButton({ occurrence, onOpen, showTime = true }: { occurrence: Occurrence; onOpen: (o: Occurrence) => void; showTime?: boolean }) {
  const { t, i18n } = useTranslation();
  const time = formatTime(occurrence.startAt, i18n.language);
  return (
    <button
      type="button"
      className="gx-cal-item"
      data-type={occurrence.type}
      data-status={occurrence.status}
      aria-label={t('calendar.openEvent', { subject: occurrence.subject, time, type: t(`calendar.types.${occurrence.type}`), status: t(`calendar.status.${occurrence.status}`) })}
      onClick={() => onOpen(occurrence)}
    >
      {showTime && <strong>{time} </strong>}
      {occurrence.subject}
    </button>
  );
}
