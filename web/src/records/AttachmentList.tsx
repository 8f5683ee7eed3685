// The files of any record (`/api/v1/{object}/{id}/attachments`): everyone who reads the record lists and
// downloads them; those who may edit it (and only while no module locks it) add files, by the button or
// by dropping them here, and remove them after confirming. The record page and announcements share it.
import { useRef, useState, type DragEvent } from 'react';
import { ActionIcon, Alert, Anchor, Box, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, request } from '../app/api.ts';
import { useTitles } from '../app/titles.ts';
import type { Attachment, AttachmentList as AttachmentPage } from '../../../server/files/attachment-shape.ts';

export type { Attachment } from '../../../server/files/attachment-shape.ts';

/** The files of one record, oldest first. */
export function useAttachments(object: string, id: string) {
  return useQuery({ queryKey: ['attachments', object, id], queryFn: () => get<AttachmentPage>(`/api/v1/${object}/${id}/attachments`) });
}

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** A short name for a sniffed type (the full MIME type of an Office file says little to a reader). */
function kindOf({ contentType, fileName }: Attachment): string {
  // Text is accepted by its name (.txt, .csv, .md …), so the name says its kind best.
  if (contentType.startsWith('text/') && fileName.includes('.')) return fileName.split('.').at(-1)!.toUpperCase();
  const kinds: Array<[RegExp, string]> = [
    [/pdf/, 'PDF'],
    [/wordprocessingml|msword/, 'Word'],
    [/spreadsheetml|ms-excel/, 'Excel'],
    [/presentationml|ms-powerpoint/, 'PowerPoint'],
  ];
  const known = kinds.find(([pattern]) => pattern.test(contentType));
  return known ? known[1] : (contentType.split('/')[1]?.split(/[;+]/)[0] ?? contentType).toUpperCase();
}

interface Props {
  object: string;
  id: string;
  /** The caller may add and remove files now (edit rights, and no lock). */
  canEdit: boolean;
  /** A heading above the list (where no tab names it). */
  heading?: string;
  /** Show nothing at all when there are no files and none can be added (an announcement's readers). */
  isHiddenWhenEmpty?: boolean;
}

/** The files of record `id` of `object`, with upload and removal when `canEdit`. */
export function AttachmentList({ object, id, canEdit, heading, isHiddenWhenEmpty = false }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const files = useAttachments(object, id);
  const list = files.data?.data ?? [];
  const authors = useTitles(
    'users',
    list.map((f) => f.createdBy),
  );
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [isDragging, setDragging] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ['attachments', object, id] });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  // The server judges size and type; its refusals are told here in the reader's language.
  const explain = (caught: unknown, name: string) => {
    if (!(caught instanceof ApiError)) return t('common.error');
    if (caught.status === 413) return t('files.tooLarge', { name });
    if (caught.status === 415) return t('files.typeRefused', { name });
    if (caught.status === 409) return caught.problem.detail ?? t('files.locked');
    return caught.problem.detail ?? t('common.error');
  };
  // Each file on its own: one refused (too large, a type not allowed) does not keep the others out;
  // a locked record refuses them all, so the first refusal ends the upload.
  const upload = async (chosen: File[]) => {
    const refused: string[] = [];
    setProblems(refused);
    for (const file of chosen) {
      setUploading(file.name);
      try {
        await request('POST', `/api/v1/${object}/${id}/attachments?filename=${encodeURIComponent(file.name)}`, file);
      } catch (caught) {
        refused.push(explain(caught, file.name));
        setProblems([...refused]);
        if (caught instanceof ApiError && caught.status === 409) break;
      }
    }
    setUploading(null);
    await refresh();
  };
  const remove = async (file: Attachment) => {
    if (!window.confirm(t('files.confirmRemove', { name: file.fileName }))) return;
    setProblems([]);
    try {
      await request('DELETE', `/api/v1/attachments/${file.id}`);
    } catch (caught) {
      setProblems([explain(caught, file.fileName)]);
    }
    await refresh();
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (canEdit && !uploading && event.dataTransfer.files.length) void upload([...event.dataTransfer.files]);
  };

  if (isHiddenWhenEmpty && !canEdit && list.length === 0) return null;
  const headingId = `files-${id}`;
  return (
    <Stack
      gap="xs"
      component="section"
      aria-labelledby={heading ? headingId : undefined}
      aria-label={heading ? undefined : t('files.title')}
      onDragOver={
        canEdit
          ? (event: DragEvent) => {
              event.preventDefault();
              setDragging(true);
            }
          : undefined
      }
      onDragLeave={canEdit ? () => setDragging(false) : undefined}
      onDrop={canEdit ? drop : undefined}
      data-testid="record-files"
    >
      {heading && (
        <Title order={2} size="h5" id={headingId}>
          {heading}
        </Title>
      )}
      {files.isPending && <Skeleton h={60} />}
      {files.isError && <Alert color="red">{t('common.error')}</Alert>}
      {files.isSuccess && list.length === 0 && !isHiddenWhenEmpty && (
        <Text size="sm" c="dimmed">
          {t('files.empty')}
        </Text>
      )}
      {list.map((file) => (
        <Group key={file.id} gap="xs" wrap="nowrap" align="flex-start">
          <IconPaperclip size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Anchor href={`/api/v1/attachments/${file.id}`} download={file.fileName} size="sm" style={{ overflowWrap: 'anywhere' }} aria-label={t('files.download', { name: file.fileName })}>
              {file.fileName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {[sizeText(file.size), kindOf(file), file.createdBy ? authors.data?.get(file.createdBy) : null, when.format(new Date(file.createdAt))]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Box>
          {canEdit && (
            <ActionIcon variant="subtle" color="red.9" aria-label={t('files.remove', { name: file.fileName })} onClick={() => void remove(file)}>
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
            multiple
            hidden
            aria-label={t('files.add')}
            onChange={(e) => {
              const chosen = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              if (chosen.length) void upload(chosen);
            }}
          />
          <Box
            p="sm"
            style={{
              border: `1px dashed var(--mantine-color-${isDragging ? 'blue-6' : 'gray-5'})`,
              borderRadius: 'var(--mantine-radius-sm)',
              background: isDragging ? 'var(--mantine-color-blue-light)' : undefined,
            }}
          >
            <Group gap="sm" wrap="wrap">
              <Button variant="default" size="compact-sm" leftSection={<IconUpload size={14} />} loading={uploading !== null} onClick={() => input.current?.click()}>
                {t('files.add')}
              </Button>
              <Text size="xs" c="dimmed" aria-live="polite">
                {uploading ? t('files.uploading', { name: uploading }) : t('files.dropHint')}
              </Text>
            </Group>
          </Box>
        </>
      )}
      {problems.length > 0 && (
        <Stack gap={2} role="alert">
          {problems.map((text) => (
            <Text key={text} size="sm" c="red.9">
              {text}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
