import { graphql } from '../gql';

// The operations Kabar's frontends send, copied as written from the shared operations
// (Kabar's tests run the same text). Keep them in step; `npm run codegen` types them.

// The home page: Terbaru, Terpopuler, and the newest articles of every section.
export const HomePageQuery = graphql(`
query HomePage {
  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }
  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }
  sections {
    id
    slug
    name
    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }
  }
}
`);

// A section page with "load more" on cursors.
export const SectionPageQuery = graphql(`
query SectionPage($slug: String!, $after: String) {
  section(slug: $slug) {
    id
    slug
    name
    description
    articles(first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }
    }
    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }
  }
}
`);

// The article page of the publisher's frontend (one request per page view).
export const ArticlePageQuery = graphql(`
query ArticlePage($slug: String!) {
  article(slug: $slug) {
    id
    slug
    title
    subtitle
    excerpt
    dateline
    publishedAt
    updatedAt
    url
    readingTimeMinutes
    section { id slug name }
    author { id slug name avatarUrl }
    tags { id slug name }
    heroImage { url width height caption credit }
    blocks {
      __typename
      ... on Paragraph { html }
      ... on Heading { level text }
      ... on Image { url width height caption credit }
      ... on Quote { text attribution }
      ... on Embed { provider url html }
      ... on AdSlot { slotId position }
    }
    shareLinks { whatsapp facebook x telegram email }
    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }
  }
  latest(first: 10) { id slug title publishedAt url section { name } }
  trending(window: DAY, first: 10) {
    window
    generatedAt
    items { rank views article { id slug title url section { name } } }
  }
  publication { name url language googleNewsUrl whatsappChannelUrl }
}
`);

// The example's own: the header's sections menu and publication name, on every page.
export const NavigationQuery = graphql(`
query Navigation {
  sections { id slug name }
  publication { name googleNewsUrl whatsappChannelUrl }
}
`);
