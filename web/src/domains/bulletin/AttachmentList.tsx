// An announcement's files: download links for its readers, adding and removing for those who edit it.
import { useRef, useState } from 'react';
import { ActionIcon, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../app/api.ts';
import { useAttachments } from './bulletin.ts';

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** The files of announcement `id`; `canEdit` adds upload and remove. */
export function AttachmentList({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const files = useAttachments(id);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['attachments', 'announcements', id] });
  const upload = async (file: File) => {
    setProblem(null);
    try {
      await request('POST', `/api/v1/announcements/${id}/attachments?filename=${encodeURIComponent(file.name)}`, file);
      await refresh();
    } catch (caught) {
      setProblem(caught instanceof ApiError ? (caught.problem.detail ?? caught.message) : t('common.error'));
    }
  };
  const list = files.data?.data ?? [];
  if (!canEdit && list.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby={`files-${id}`}>
      <Title order={3} size="h5" id={`files-${id}`}>
        {t('bulletin.reader.attachments')}
      </Title>
      {list.map((file) => (
        <Group key={file.id} gap="xs" wrap="nowrap">
          <IconPaperclip size={16} aria-hidden />
          <Anchor href={`/api/v1/attachments/${file.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {file.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {sizeText(file.size)}
          </Text>
          {canEdit && (
            <ActionIcon
              variant="subtle"
              color="red.9"
              aria-label={t('bulletin.reader.removeFile', { name: file.fileName })}
              onClick={() => void request('DELETE', `/api/v1/attachments/${file.id}`).then(refresh)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canEdit && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            aria-label={t('bulletin.reader.addFile')}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
              e.currentTarget.value = '';
            }}
          />
          <Group>
            <Button variant="default" size="compact-sm" leftSection={<IconPaperclip size={14} />} onClick={() => input.current?.click()}>
              {t('bulletin.reader.addFile')}
            </Button>
          </Group>
          {problem && (
            <Text size="sm" c="red.9" role="alert">
              {problem}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
