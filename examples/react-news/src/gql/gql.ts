/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\nquery HomePage {\n  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }\n  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }\n  sections {\n    id\n    slug\n    name\n    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }\n  }\n}\n": typeof types.HomePageDocument,
    "\nquery SectionPage($slug: String!, $after: String) {\n  section(slug: $slug) {\n    id\n    slug\n    name\n    description\n    articles(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }\n    }\n    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }\n  }\n}\n": typeof types.SectionPageDocument,
    "\nquery ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  latest(first: 10) { id slug title publishedAt url section { name } }\n  trending(window: DAY, first: 10) {\n    window\n    generatedAt\n    items { rank views article { id slug title url section { name } } }\n  }\n  publication { name url language googleNewsUrl whatsappChannelUrl }\n}\n": typeof types.ArticlePageDocument,
    "\nquery Navigation {\n  sections { id slug name }\n  publication { name googleNewsUrl whatsappChannelUrl }\n}\n": typeof types.NavigationDocument,
};
const documents: Documents = {
    "\nquery HomePage {\n  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }\n  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }\n  sections {\n    id\n    slug\n    name\n    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }\n  }\n}\n": types.HomePageDocument,
    "\nquery SectionPage($slug: String!, $after: String) {\n  section(slug: $slug) {\n    id\n    slug\n    name\n    description\n    articles(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }\n    }\n    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }\n  }\n}\n": types.SectionPageDocument,
    "\nquery ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  latest(first: 10) { id slug title publishedAt url section { name } }\n  trending(window: DAY, first: 10) {\n    window\n    generatedAt\n    items { rank views article { id slug title url section { name } } }\n  }\n  publication { name url language googleNewsUrl whatsappChannelUrl }\n}\n": types.ArticlePageDocument,
    "\nquery Navigation {\n  sections { id slug name }\n  publication { name googleNewsUrl whatsappChannelUrl }\n}\n": types.NavigationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery HomePage {\n  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }\n  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }\n  sections {\n    id\n    slug\n    name\n    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }\n  }\n}\n"): (typeof documents)["\nquery HomePage {\n  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }\n  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }\n  sections {\n    id\n    slug\n    name\n    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery SectionPage($slug: String!, $after: String) {\n  section(slug: $slug) {\n    id\n    slug\n    name\n    description\n    articles(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }\n    }\n    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }\n  }\n}\n"): (typeof documents)["\nquery SectionPage($slug: String!, $after: String) {\n  section(slug: $slug) {\n    id\n    slug\n    name\n    description\n    articles(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }\n    }\n    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  latest(first: 10) { id slug title publishedAt url section { name } }\n  trending(window: DAY, first: 10) {\n    window\n    generatedAt\n    items { rank views article { id slug title url section { name } } }\n  }\n  publication { name url language googleNewsUrl whatsappChannelUrl }\n}\n"): (typeof documents)["\nquery ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  latest(first: 10) { id slug title publishedAt url section { name } }\n  trending(window: DAY, first: 10) {\n    window\n    generatedAt\n    items { rank views article { id slug title url section { name } } }\n  }\n  publication { name url language googleNewsUrl whatsappChannelUrl }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery Navigation {\n  sections { id slug name }\n  publication { name googleNewsUrl whatsappChannelUrl }\n}\n"): (typeof documents)["\nquery Navigation {\n  sections { id slug name }\n  publication { name googleNewsUrl whatsappChannelUrl }\n}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;