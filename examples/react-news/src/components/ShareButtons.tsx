interface ShareLinks {
  whatsapp?: string | null;
  facebook?: string | null;
  x?: string | null;
  telegram?: string | null;
  email?: string | null;
}

// WhatsApp first: it is where Indonesian readers share news.
const NETWORKS: { key: keyof ShareLinks; label: string }[] = [
  { key: 'whatsapp', label: 'WhatsApp' },
  { key: 'facebook', label: 'Facebook' },
  { key: 'x', label: 'X' },
  { key: 'telegram', label: 'Telegram' },
  { key: 'email', label: 'Email' },
];

export function ShareButtons({ links }: { links: ShareLinks | null | undefined }) {
  if (!links) return null;
  return (
    <div className="share" data-testid="share">
      <span className="share-label">Bagikan:</span>
      {NETWORKS.filter(({ key }) => links[key]).map(({ key, label }) => (
        <a key={key} className={`share-button share-${key}`} href={links[key]!} target="_blank" rel="noopener noreferrer" aria-label={`Bagikan ke ${label}`}>
          {label}
        </a>
      ))}
    </div>
  );
}
