import { Link } from '../router';

export interface SideItem {
  key: string;
  href: string;
  title: string;
  meta?: string | null;
}

/** A titled list for the side column: Terbaru, Terpopuler (numbered), Artikel Terkait. */
export function SideList({ title, items, numbered = false, testId }: { title: string; items: SideItem[]; numbered?: boolean; testId?: string }) {
  if (items.length === 0) return null;
  const List = numbered ? 'ol' : 'ul';
  return (
    <section className={`side-list${numbered ? ' numbered' : ''}`} data-testid={testId}>
      <h2 className="box-title">{title}</h2>
      <List>
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href}>{item.title}</Link>
            {item.meta ? <span className="meta">{item.meta}</span> : null}
          </li>
        ))}
      </List>
    </section>
  );
}
