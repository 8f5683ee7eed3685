// The editor of rich-text fields (loaded only when one is edited): headings, emphasis, lists, quotes
// and links, kept to what the server's allow-list stores, so what is typed is what is saved.
import '@mantine/tiptap/styles.css';
import { Input } from '@mantine/core';
import { Link, RichTextEditor } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  error?: string;
  withAsterisk?: boolean;
  onChange: (html: string | null) => void;
}

/** A WYSIWYG input whose value is HTML ("" and an empty paragraph both become null). */
export default function RichTextInput({ label, value, error, withAsterisk, onChange }: Props) {
  const { t } = useTranslation();
  const labels = {
    boldControlLabel: t('richText.bold'),
    italicControlLabel: t('richText.italic'),
    underlineControlLabel: t('richText.underline'),
    strikeControlLabel: t('richText.strike'),
    h2ControlLabel: t('richText.heading'),
    h3ControlLabel: t('richText.subheading'),
    bulletListControlLabel: t('richText.bulletList'),
    orderedListControlLabel: t('richText.orderedList'),
    blockquoteControlLabel: t('richText.quote'),
    linkControlLabel: t('richText.link'),
    unlinkControlLabel: t('richText.unlink'),
    linkEditorInputLabel: t('richText.linkAddress'),
    linkEditorInputPlaceholder: 'https://',
    linkEditorExternalLink: t('richText.linkInNewTab'),
    linkEditorInternalLink: t('richText.linkInSameTab'),
    linkEditorSave: t('common.save'),
  };
  const editor = useEditor({
    // The link of the starter kit is replaced by Mantine's (Ctrl/Cmd-K opens its dialog).
    extensions: [StarterKit.configure({ link: false, code: false, codeBlock: false }), Link],
    content: value,
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? null : current.getHTML()),
    editorProps: { attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
  });
  return (
    <Input.Wrapper label={label} error={error} withAsterisk={withAsterisk}>
      <RichTextEditor editor={editor} labels={labels}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
            <RichTextEditor.Strikethrough />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 />
            <RichTextEditor.H3 />
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
            <RichTextEditor.Blockquote />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content />
      </RichTextEditor>
    </Input.Wrapper>
  );
}
