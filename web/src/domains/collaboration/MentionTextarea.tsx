// The note editor: typing @ and a few letters offers matching colleagues; picking one writes @Name in
// the text and keeps their user id, so the note stores who it mentions, not just a name.
import { useId, useRef, useState } from 'react';
import { Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUserSearch, type UserOption } from './tasks.ts';

interface Props {
  label: string;
  value: string;
  onChange: (text: string) => void;
  onMention: (user: UserOption) => void;
  error?: string | null;
}

/** The word being typed after an @ right before the caret (null when the caret is not in a mention). */
function mentionQuery(text: string, caret: number): { start: number; text: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, text: match[2]! } : null;
}

export function MentionTextarea({ label, value, onChange, onMention, error }: Props) {
  const { t } = useTranslation();
  const hintId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState<{ start: number; text: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const users = useUserSearch(active ? active.text : null);
  const options = active ? (users.data ?? []) : [];

  const track = (text: string, caret: number) => {
    setActive(mentionQuery(text, caret));
    setHighlighted(0);
  };

  const pick = (user: UserOption) => {
    if (!active) return;
    const end = active.start + 1 + active.text.length;
    const inserted = `@${user.name} `;
    const next = value.slice(0, active.start) + inserted + value.slice(end);
    onChange(next);
    onMention(user);
    setActive(null);
    const caret = active.start + inserted.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(caret, caret);
    });
  };

  return (
    <div>
      <Textarea
        ref={ref}
        label={label}
        description={t('tasks.mentionHint')}
        autosize
        minRows={2}
        maxLength={255}
        value={value}
        error={error}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          track(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onKeyDown={(e) => {
          if (!options.length) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setHighlighted((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            pick(options[highlighted] ?? options[0]!);
          } else if (e.key === 'Escape') {
            setActive(null);
          }
        }}
      />
      <Text
        id={hintId}
        size="xs"
        c="dimmed"
        aria-live="polite"
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}
      >
        {options.length ? t('tasks.mentionOptions', { count: options.length }) : ''}
      </Text>
      {options.length > 0 && (
        <Paper withBorder shadow="sm" p={4} mt={4} role="group" aria-label={t('tasks.mentionSuggestions')}>
          <Group gap={4}>
            {options.map((user, i) => (
              <Button
                key={user.id}
                size="xs"
                variant={i === highlighted ? 'filled' : 'default'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(user)}
              >
                @{user.name}
              </Button>
            ))}
          </Group>
        </Paper>
      )}
    </div>
  );
}
