// One audit event in the table, and its details (what changed, as recorded) in a row that opens below.
import { Fragment } from 'react';
import { ActionIcon, Code, Table } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

interface Props {
  event: AuditEvent;
  actorName: string;
  isOpen: boolean;
  onToggle: () => void;
}

export function AuditRow({ event, actorName, isOpen, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(event.at));
  const detailsId = `audit-details-${event.id}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td w={40}>
          <ActionIcon
            variant="subtle"
            onClick={onToggle}
            aria-expanded={isOpen}
            aria-controls={isOpen ? detailsId : undefined}
            aria-label={t('settingsData.audit.details', { action: event.action, when })}
          >
            {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{when}</Table.Td>
        <Table.Td>{actorName}</Table.Td>
        <Table.Td>
          <Code>{event.action}</Code>
        </Table.Td>
        <Table.Td style={{ wordBreak: 'break-all' }}>{event.target}</Table.Td>
      </Table.Tr>
      {isOpen && (
        <Table.Tr id={detailsId}>
          <Table.Td />
          <Table.Td colSpan={4}>
            <Code block style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {JSON.stringify(event.details, null, 2)}
            </Code>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
