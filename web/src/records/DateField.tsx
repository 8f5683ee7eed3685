// Date and date-time inputs with a calendar (@mantine/dates), loaded only when a form shows one.
// Dates travel as `YYYY-MM-DD`; date-times as ISO instants in UTC, picked in the browser's local time.
import '@mantine/dates/styles.css';
import './date-field.css';
import 'dayjs/locale/zh-cn';
import type { CSSProperties } from 'react';
import dayjs from 'dayjs';
import { DateInput, DateTimePicker, DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

interface Props {
  type: 'date' | 'datetime';
  label: string;
  withAsterisk?: boolean;
  error?: string;
  labelProps?: { style: CSSProperties };
  autoFocus?: boolean;
  value: unknown;
  onChange: (value: string | null) => void;
}

// The calendar's pale greys and reds are below the 4.5:1 contrast text needs (date-field.css).
const calendarClasses = { weekday: 'gx-weekday', day: 'gx-day' };

/** The `YYYY-MM-DD HH:mm:ss` local time the picker shows for an ISO instant. */
const toLocal = (iso: unknown) => (typeof iso === 'string' && iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : null);

export default function DateField({ type, value, onChange, ...common }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-cn';
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      {type === 'date' ? (
        <DateInput
          {...common}
          valueFormat="YYYY-MM-DD"
          placeholder="YYYY-MM-DD"
          clearable
          clearButtonProps={{ 'aria-label': t('lists.clearDate') }}
          previousLabel={t('lists.previousMonth')}
          nextLabel={t('lists.nextMonth')}
          classNames={calendarClasses}
          value={typeof value === 'string' && value ? value : null}
          onChange={(next) => onChange(next ? dayjs(next).format('YYYY-MM-DD') : null)}
        />
      ) : (
        <DateTimePicker
          {...common}
          valueFormat="YYYY-MM-DD HH:mm"
          clearable
          clearButtonProps={{ 'aria-label': t('lists.clearDate') }}
          submitButtonProps={{ 'aria-label': t('common.save') }}
          previousLabel={t('lists.previousMonth')}
          nextLabel={t('lists.nextMonth')}
          classNames={calendarClasses}
          value={toLocal(value)}
          onChange={(next) => onChange(next ? dayjs(next).toISOString() : null)}
        />
      )}
    </DatesProvider>
  );
}
