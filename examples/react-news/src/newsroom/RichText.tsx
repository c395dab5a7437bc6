import { useEffect, useRef } from 'react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

// The body editor: TipTap (ProseMirror) limited to what Kabar's sanitiser keeps (src/content/body.ts):
// paragraphs, h2/h3, bold, italic, underline, links, lists and block quotes. Code, strike-through
// and horizontal rules are switched off because Kabar would drop them; the HTML that TipTap
// produces (`<p>`, `<h2>`, `<strong>`, `<em>`, `<u>`, `<a>`, `<ul>/<ol>/<li>`, `<blockquote>`) passes unchanged.

const extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    horizontalRule: false,
    link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: 'noopener noreferrer', target: null } },
  }),
];

export interface RichTextHandle {
  /** Replaces the content without counting as a change (loading, reloading, restoring). */
  setHtml(html: string): void;
}

export function RichText({ initialHtml, onChange, handleRef }: { initialHtml: string; onChange: (html: string) => void; handleRef?: React.MutableRefObject<RichTextHandle | null> }) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editor = useEditor({
    extensions,
    content: initialHtml,
    editorProps: { attributes: { class: 'rich-text-content', 'aria-label': 'Isi berita', 'data-testid': 'body-editor' } },
    onUpdate: ({ editor: e }) => onChangeRef.current(e.isEmpty ? '' : e.getHTML()),
  });
  useEffect(() => {
    if (!handleRef) return;
    handleRef.current = { setHtml: (html) => editor?.commands.setContent(html, { emitUpdate: false }) };
  }, [editor, handleRef]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
    const href = window.prompt('Alamat tautan (kosongkan untuk menghapus)', previous);
    if (href === null) return;
    if (href.trim() === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  const tool = (label: string, title: string, active: boolean | undefined, run: () => void) => (
    <button type="button" className={active ? 'tool active' : 'tool'} title={title} aria-label={title} aria-pressed={Boolean(active)} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="rich-text">
      <div className="rich-text-toolbar" role="toolbar" aria-label="Format teks">
        {tool('B', 'Tebal', state?.bold, () => chain().toggleBold().run())}
        {tool('I', 'Miring', state?.italic, () => chain().toggleItalic().run())}
        {tool('U', 'Garis bawah', state?.underline, () => chain().toggleUnderline().run())}
        {tool('H2', 'Judul bagian (H2)', state?.h2, () => chain().toggleHeading({ level: 2 }).run())}
        {tool('H3', 'Judul bagian kecil (H3)', state?.h3, () => chain().toggleHeading({ level: 3 }).run())}
        {tool('•', 'Daftar berbutir', state?.bullet, () => chain().toggleBulletList().run())}
        {tool('1.', 'Daftar bernomor', state?.ordered, () => chain().toggleOrderedList().run())}
        {tool('❝', 'Kutipan', state?.quote, () => chain().toggleBlockquote().run())}
        {tool('Tautan', 'Tautan', state?.link, setLink)}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
