// What a WordPress post refers to by id and the export carries elsewhere: attachments (images,
// audio, video, with their captions and credits) and reusable blocks (wp_block posts).

export interface WordPressAttachment {
  url: string;
  kind: 'image' | 'video' | 'audio' | 'other';
  title: string | null;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
  /** The post the file was uploaded to: [gallery] without ids shows its post's attachments. */
  parentId: string | null;
  order: number;
}

export interface WordPressMedia {
  attachment(id: string): WordPressAttachment | undefined;
  /** A post's own attachments, in their menu order, with their ids. */
  attachmentsOf(postId: string): (readonly [string, WordPressAttachment])[];
  /** The content of a reusable block. */
  reusableBlock(id: string): string | undefined;
}

export const NO_MEDIA: WordPressMedia = {
  attachment: () => undefined,
  attachmentsOf: () => [],
  reusableBlock: () => undefined,
};

export function attachmentKind(url: string): WordPressAttachment['kind'] {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'svg'].includes(ext)) return 'image';
  if (['mp4', 'm4v', 'webm', 'ogv', 'mov', 'wmv', 'flv'].includes(ext)) return 'video';
  if (['mp3', 'm4a', 'ogg', 'oga', 'wav', 'flac', 'aac'].includes(ext)) return 'audio';
  return 'other';
}

/** An index filled as an export is read (a first pass over the file). */
export class MediaIndex implements WordPressMedia {
  readonly attachments = new Map<string, WordPressAttachment>();
  readonly reusableBlocks = new Map<string, string>();
  private byParent: Map<string, string[]> | null = null;

  addAttachment(id: string, attachment: WordPressAttachment): void {
    this.attachments.set(id, attachment);
    this.byParent = null;
  }

  attachment(id: string): WordPressAttachment | undefined {
    return this.attachments.get(id);
  }

  attachmentsOf(postId: string): (readonly [string, WordPressAttachment])[] {
    if (!this.byParent) {
      this.byParent = new Map();
      for (const [id, a] of this.attachments) {
        if (!a.parentId) continue;
        const list = this.byParent.get(a.parentId) ?? [];
        list.push(id);
        this.byParent.set(a.parentId, list);
      }
    }
    return (this.byParent.get(postId) ?? [])
      .map((id) => [id, this.attachments.get(id)!] as const)
      .sort((a, b) => a[1].order - b[1].order || Number(a[0]) - Number(b[0]));
  }

  reusableBlock(id: string): string | undefined {
    return this.reusableBlocks.get(id);
  }
}
