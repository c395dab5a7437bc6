interface Props {
  image: { url?: string | null; width?: number | null; height?: number | null } | null | undefined;
  alt: string;
  className?: string;
  eager?: boolean;
}

/** An image with its intrinsic size, so the page does not jump while it loads. */
export function Picture({ image, alt, className, eager = false }: Props) {
  if (!image?.url) return null;
  return (
    <img
      className={className}
      src={image.url}
      alt={alt}
      width={image.width ?? undefined}
      height={image.height ?? undefined}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
