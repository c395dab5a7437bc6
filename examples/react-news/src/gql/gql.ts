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
    "\n  query OldAddress($path: String!) {\n    articleByPath(path: $path) {\n      slug\n      url\n    }\n  }\n": typeof types.OldAddressDocument,
    "\nquery ArticleComments($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id\n    commentCount\n    comments(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id authorName createdAt html\n          replies(first: 10) {\n            totalCount\n            edges { node { id authorName createdAt html } }\n          }\n        }\n      }\n    }\n  }\n}\n": typeof types.ArticleCommentsDocument,
    "\nquery CommentsOpen($slug: String!) {\n  article(slug: $slug) { id commentsOpen }\n}\n": typeof types.CommentsOpenDocument,
    "\nmutation PostComment($input: PostCommentInput!) {\n  postComment(input: $input) {\n    status\n    message\n    comment { id }\n  }\n}\n": typeof types.PostCommentDocument,
    "\nmutation ReportComment($id: ID!, $reason: CommentReportReason!, $note: String) {\n  reportComment(id: $id, reason: $reason, note: $note) { received }\n}\n": typeof types.ReportCommentDocument,
    "\nquery ModerationQueueOrdered($queue: CommentQueue!, $order: CommentOrder!, $after: String) {\n  moderationQueue(queue: $queue, order: $order, first: 50, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      node {\n        id status authorName authorEmail body createdAt reasons reportCount isReply\n        article { slug title url }\n      }\n    }\n  }\n}\n": typeof types.ModerationQueueOrderedDocument,
    "\nquery ModerationStats {\n  moderationStats {\n    openReports\n    oldestOpenReportAgeSeconds\n    reportsLast30Days\n    resolvedWithin4Hours\n    resolvedWithin24Hours\n  }\n}\n": typeof types.ModerationStatsDocument,
    "\nmutation ModerateComments($ids: [ID!]!, $action: ModerationAction!) {\n  moderateComments(ids: $ids, action: $action) {\n    comments { id status }\n  }\n}\n": typeof types.ModerateCommentsDocument,
    "\nsubscription LatestArticles($section: String) {\n  latestArticles(section: $section) {\n    cursor\n    article { id slug title url publishedAt section { slug name } }\n  }\n}\n": typeof types.LatestArticlesDocument,
    "\nquery LiveBlog($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id title isLive\n    liveEntries(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id createdAt updatedAt pinned keyEvent title html } }\n    }\n  }\n}\n": typeof types.LiveBlogDocument,
    "\nsubscription LiveBlogUpdates($slug: String!) {\n  liveBlogUpdates(slug: $slug) {\n    cursor\n    kind\n    entry { id createdAt updatedAt pinned keyEvent title html }\n  }\n}\n": typeof types.LiveBlogUpdatesDocument,
    "\nmutation AddLiveEntry($articleId: ID!, $input: LiveEntryInput!) {\n  addLiveEntry(articleId: $articleId, input: $input) {\n    entry { id createdAt pinned keyEvent title html }\n  }\n}\n": typeof types.AddLiveEntryDocument,
    "\nmutation SetArticleLive($articleId: ID!, $live: Boolean!) {\n  setArticleLive(articleId: $articleId, live: $live) { articleId isLive }\n}\n": typeof types.SetArticleLiveDocument,
    "\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    token\n    expiresAt\n    staff { id name email role }\n  }\n}\n": typeof types.SignInDocument,
    "\nmutation SignOut {\n  signOut\n}\n": typeof types.SignOutDocument,
    "\nquery NewsroomMe {\n  me { id name email role }\n  sections { id slug name }\n}\n": typeof types.NewsroomMeDocument,
    "\nquery NewsroomArticles($status: [ArticleStatus!], $section: String, $search: String, $mine: Boolean) {\n  editorArticles(status: $status, section: $section, search: $search, mine: $mine, first: 50) {\n    edges {\n      node {\n        id\n        title\n        status\n        version\n        publishedAt\n        updatedAt\n        section { slug name }\n        author { name }\n      }\n    }\n  }\n}\n": typeof types.NewsroomArticlesDocument,
    "\nquery NewsroomArticle($id: ID!) {\n  editorArticle(id: $id) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    bodyHtml\n    status\n    version\n    publishedAt\n    firstPublishedAt\n    updatedAt\n    url\n    section { slug name }\n    author { name }\n    tags { name }\n    heroImage { url width height caption credit }\n    revisions(first: 50) {\n      edges { node { version firstVersion kind createdAt savedAt title status editor { name } } }\n    }\n  }\n}\n": typeof types.NewsroomArticleDocument,
    "\nmutation CreateArticle($input: CreateArticleInput!) {\n  createArticle(input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n": typeof types.CreateArticleDocument,
    "\nmutation UpdateArticle($id: ID!, $expectedVersion: Int!, $input: UpdateArticleInput!) {\n  updateArticle(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n": typeof types.UpdateArticleDocument,
    "\nmutation PublishArticle($id: ID!, $expectedVersion: Int!, $at: DateTime) {\n  publishArticle(id: $id, expectedVersion: $expectedVersion, at: $at) {\n    article { id slug status version publishedAt url }\n  }\n}\n": typeof types.PublishArticleDocument,
    "\nmutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {\n  unpublishArticle(id: $id, expectedVersion: $expectedVersion) {\n    article { id slug status version }\n  }\n}\n": typeof types.UnpublishArticleDocument,
    "\nmutation RestoreRevision($id: ID!, $version: Int!, $expectedVersion: Int!) {\n  restoreRevision(id: $id, version: $version, expectedVersion: $expectedVersion) {\n    article { id title status version }\n  }\n}\n": typeof types.RestoreRevisionDocument,
    "\nmutation CreatePreviewLink($id: ID!) {\n  createPreviewLink(id: $id) { token url expiresAt }\n}\n": typeof types.CreatePreviewLinkDocument,
    "\nquery PreviewPage($token: String!) {\n  articlePreview(token: $token) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    status\n    version\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  publication { name }\n}\n": typeof types.PreviewPageDocument,
    "\nquery HomePage {\n  latest(first: 20) { id slug title excerpt publishedAt url section { slug name } heroImage { url width height } }\n  trending(window: DAY, first: 10) { items { rank views article { id slug title url } } }\n  sections {\n    id\n    slug\n    name\n    latest(first: 5) { id slug title publishedAt url heroImage { url width height } }\n  }\n}\n": typeof types.HomePageDocument,
    "\nquery SectionPage($slug: String!, $after: String) {\n  section(slug: $slug) {\n    id\n    slug\n    name\n    description\n    articles(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id slug title excerpt publishedAt url author { name } heroImage { url width height } } }\n    }\n    trending(window: WEEK, first: 5) { items { rank article { slug title url } } }\n  }\n}\n": typeof types.SectionPageDocument,
    "\nquery ArticlePage($slug: String!) {\n  article(slug: $slug) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  latest(first: 10) { id slug title publishedAt url section { name } }\n  trending(window: DAY, first: 10) {\n    window\n    generatedAt\n    items { rank views article { id slug title url section { name } } }\n  }\n  publication { name url language googleNewsUrl whatsappChannelUrl }\n}\n": typeof types.ArticlePageDocument,
    "\nquery Navigation {\n  sections { id slug name }\n  publication { name googleNewsUrl whatsappChannelUrl }\n}\n": typeof types.NavigationDocument,
};
const documents: Documents = {
    "\n  query OldAddress($path: String!) {\n    articleByPath(path: $path) {\n      slug\n      url\n    }\n  }\n": types.OldAddressDocument,
    "\nquery ArticleComments($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id\n    commentCount\n    comments(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id authorName createdAt html\n          replies(first: 10) {\n            totalCount\n            edges { node { id authorName createdAt html } }\n          }\n        }\n      }\n    }\n  }\n}\n": types.ArticleCommentsDocument,
    "\nquery CommentsOpen($slug: String!) {\n  article(slug: $slug) { id commentsOpen }\n}\n": types.CommentsOpenDocument,
    "\nmutation PostComment($input: PostCommentInput!) {\n  postComment(input: $input) {\n    status\n    message\n    comment { id }\n  }\n}\n": types.PostCommentDocument,
    "\nmutation ReportComment($id: ID!, $reason: CommentReportReason!, $note: String) {\n  reportComment(id: $id, reason: $reason, note: $note) { received }\n}\n": types.ReportCommentDocument,
    "\nquery ModerationQueueOrdered($queue: CommentQueue!, $order: CommentOrder!, $after: String) {\n  moderationQueue(queue: $queue, order: $order, first: 50, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      node {\n        id status authorName authorEmail body createdAt reasons reportCount isReply\n        article { slug title url }\n      }\n    }\n  }\n}\n": types.ModerationQueueOrderedDocument,
    "\nquery ModerationStats {\n  moderationStats {\n    openReports\n    oldestOpenReportAgeSeconds\n    reportsLast30Days\n    resolvedWithin4Hours\n    resolvedWithin24Hours\n  }\n}\n": types.ModerationStatsDocument,
    "\nmutation ModerateComments($ids: [ID!]!, $action: ModerationAction!) {\n  moderateComments(ids: $ids, action: $action) {\n    comments { id status }\n  }\n}\n": types.ModerateCommentsDocument,
    "\nsubscription LatestArticles($section: String) {\n  latestArticles(section: $section) {\n    cursor\n    article { id slug title url publishedAt section { slug name } }\n  }\n}\n": types.LatestArticlesDocument,
    "\nquery LiveBlog($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id title isLive\n    liveEntries(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id createdAt updatedAt pinned keyEvent title html } }\n    }\n  }\n}\n": types.LiveBlogDocument,
    "\nsubscription LiveBlogUpdates($slug: String!) {\n  liveBlogUpdates(slug: $slug) {\n    cursor\n    kind\n    entry { id createdAt updatedAt pinned keyEvent title html }\n  }\n}\n": types.LiveBlogUpdatesDocument,
    "\nmutation AddLiveEntry($articleId: ID!, $input: LiveEntryInput!) {\n  addLiveEntry(articleId: $articleId, input: $input) {\n    entry { id createdAt pinned keyEvent title html }\n  }\n}\n": types.AddLiveEntryDocument,
    "\nmutation SetArticleLive($articleId: ID!, $live: Boolean!) {\n  setArticleLive(articleId: $articleId, live: $live) { articleId isLive }\n}\n": types.SetArticleLiveDocument,
    "\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    token\n    expiresAt\n    staff { id name email role }\n  }\n}\n": types.SignInDocument,
    "\nmutation SignOut {\n  signOut\n}\n": types.SignOutDocument,
    "\nquery NewsroomMe {\n  me { id name email role }\n  sections { id slug name }\n}\n": types.NewsroomMeDocument,
    "\nquery NewsroomArticles($status: [ArticleStatus!], $section: String, $search: String, $mine: Boolean) {\n  editorArticles(status: $status, section: $section, search: $search, mine: $mine, first: 50) {\n    edges {\n      node {\n        id\n        title\n        status\n        version\n        publishedAt\n        updatedAt\n        section { slug name }\n        author { name }\n      }\n    }\n  }\n}\n": types.NewsroomArticlesDocument,
    "\nquery NewsroomArticle($id: ID!) {\n  editorArticle(id: $id) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    bodyHtml\n    status\n    version\n    publishedAt\n    firstPublishedAt\n    updatedAt\n    url\n    section { slug name }\n    author { name }\n    tags { name }\n    heroImage { url width height caption credit }\n    revisions(first: 50) {\n      edges { node { version firstVersion kind createdAt savedAt title status editor { name } } }\n    }\n  }\n}\n": types.NewsroomArticleDocument,
    "\nmutation CreateArticle($input: CreateArticleInput!) {\n  createArticle(input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n": types.CreateArticleDocument,
    "\nmutation UpdateArticle($id: ID!, $expectedVersion: Int!, $input: UpdateArticleInput!) {\n  updateArticle(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n": types.UpdateArticleDocument,
    "\nmutation PublishArticle($id: ID!, $expectedVersion: Int!, $at: DateTime) {\n  publishArticle(id: $id, expectedVersion: $expectedVersion, at: $at) {\n    article { id slug status version publishedAt url }\n  }\n}\n": types.PublishArticleDocument,
    "\nmutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {\n  unpublishArticle(id: $id, expectedVersion: $expectedVersion) {\n    article { id slug status version }\n  }\n}\n": types.UnpublishArticleDocument,
    "\nmutation RestoreRevision($id: ID!, $version: Int!, $expectedVersion: Int!) {\n  restoreRevision(id: $id, version: $version, expectedVersion: $expectedVersion) {\n    article { id title status version }\n  }\n}\n": types.RestoreRevisionDocument,
    "\nmutation CreatePreviewLink($id: ID!) {\n  createPreviewLink(id: $id) { token url expiresAt }\n}\n": types.CreatePreviewLinkDocument,
    "\nquery PreviewPage($token: String!) {\n  articlePreview(token: $token) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    status\n    version\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  publication { name }\n}\n": types.PreviewPageDocument,
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
export function graphql(source: "\n  query OldAddress($path: String!) {\n    articleByPath(path: $path) {\n      slug\n      url\n    }\n  }\n"): (typeof documents)["\n  query OldAddress($path: String!) {\n    articleByPath(path: $path) {\n      slug\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery ArticleComments($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id\n    commentCount\n    comments(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id authorName createdAt html\n          replies(first: 10) {\n            totalCount\n            edges { node { id authorName createdAt html } }\n          }\n        }\n      }\n    }\n  }\n}\n"): (typeof documents)["\nquery ArticleComments($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id\n    commentCount\n    comments(first: 20, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id authorName createdAt html\n          replies(first: 10) {\n            totalCount\n            edges { node { id authorName createdAt html } }\n          }\n        }\n      }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery CommentsOpen($slug: String!) {\n  article(slug: $slug) { id commentsOpen }\n}\n"): (typeof documents)["\nquery CommentsOpen($slug: String!) {\n  article(slug: $slug) { id commentsOpen }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation PostComment($input: PostCommentInput!) {\n  postComment(input: $input) {\n    status\n    message\n    comment { id }\n  }\n}\n"): (typeof documents)["\nmutation PostComment($input: PostCommentInput!) {\n  postComment(input: $input) {\n    status\n    message\n    comment { id }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation ReportComment($id: ID!, $reason: CommentReportReason!, $note: String) {\n  reportComment(id: $id, reason: $reason, note: $note) { received }\n}\n"): (typeof documents)["\nmutation ReportComment($id: ID!, $reason: CommentReportReason!, $note: String) {\n  reportComment(id: $id, reason: $reason, note: $note) { received }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery ModerationQueueOrdered($queue: CommentQueue!, $order: CommentOrder!, $after: String) {\n  moderationQueue(queue: $queue, order: $order, first: 50, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      node {\n        id status authorName authorEmail body createdAt reasons reportCount isReply\n        article { slug title url }\n      }\n    }\n  }\n}\n"): (typeof documents)["\nquery ModerationQueueOrdered($queue: CommentQueue!, $order: CommentOrder!, $after: String) {\n  moderationQueue(queue: $queue, order: $order, first: 50, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      node {\n        id status authorName authorEmail body createdAt reasons reportCount isReply\n        article { slug title url }\n      }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery ModerationStats {\n  moderationStats {\n    openReports\n    oldestOpenReportAgeSeconds\n    reportsLast30Days\n    resolvedWithin4Hours\n    resolvedWithin24Hours\n  }\n}\n"): (typeof documents)["\nquery ModerationStats {\n  moderationStats {\n    openReports\n    oldestOpenReportAgeSeconds\n    reportsLast30Days\n    resolvedWithin4Hours\n    resolvedWithin24Hours\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation ModerateComments($ids: [ID!]!, $action: ModerationAction!) {\n  moderateComments(ids: $ids, action: $action) {\n    comments { id status }\n  }\n}\n"): (typeof documents)["\nmutation ModerateComments($ids: [ID!]!, $action: ModerationAction!) {\n  moderateComments(ids: $ids, action: $action) {\n    comments { id status }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nsubscription LatestArticles($section: String) {\n  latestArticles(section: $section) {\n    cursor\n    article { id slug title url publishedAt section { slug name } }\n  }\n}\n"): (typeof documents)["\nsubscription LatestArticles($section: String) {\n  latestArticles(section: $section) {\n    cursor\n    article { id slug title url publishedAt section { slug name } }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery LiveBlog($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id title isLive\n    liveEntries(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id createdAt updatedAt pinned keyEvent title html } }\n    }\n  }\n}\n"): (typeof documents)["\nquery LiveBlog($slug: String!, $after: String) {\n  article(slug: $slug) {\n    id title isLive\n    liveEntries(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id createdAt updatedAt pinned keyEvent title html } }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nsubscription LiveBlogUpdates($slug: String!) {\n  liveBlogUpdates(slug: $slug) {\n    cursor\n    kind\n    entry { id createdAt updatedAt pinned keyEvent title html }\n  }\n}\n"): (typeof documents)["\nsubscription LiveBlogUpdates($slug: String!) {\n  liveBlogUpdates(slug: $slug) {\n    cursor\n    kind\n    entry { id createdAt updatedAt pinned keyEvent title html }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation AddLiveEntry($articleId: ID!, $input: LiveEntryInput!) {\n  addLiveEntry(articleId: $articleId, input: $input) {\n    entry { id createdAt pinned keyEvent title html }\n  }\n}\n"): (typeof documents)["\nmutation AddLiveEntry($articleId: ID!, $input: LiveEntryInput!) {\n  addLiveEntry(articleId: $articleId, input: $input) {\n    entry { id createdAt pinned keyEvent title html }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation SetArticleLive($articleId: ID!, $live: Boolean!) {\n  setArticleLive(articleId: $articleId, live: $live) { articleId isLive }\n}\n"): (typeof documents)["\nmutation SetArticleLive($articleId: ID!, $live: Boolean!) {\n  setArticleLive(articleId: $articleId, live: $live) { articleId isLive }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    token\n    expiresAt\n    staff { id name email role }\n  }\n}\n"): (typeof documents)["\nmutation SignIn($email: String!, $password: String!) {\n  signIn(email: $email, password: $password) {\n    token\n    expiresAt\n    staff { id name email role }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation SignOut {\n  signOut\n}\n"): (typeof documents)["\nmutation SignOut {\n  signOut\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery NewsroomMe {\n  me { id name email role }\n  sections { id slug name }\n}\n"): (typeof documents)["\nquery NewsroomMe {\n  me { id name email role }\n  sections { id slug name }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery NewsroomArticles($status: [ArticleStatus!], $section: String, $search: String, $mine: Boolean) {\n  editorArticles(status: $status, section: $section, search: $search, mine: $mine, first: 50) {\n    edges {\n      node {\n        id\n        title\n        status\n        version\n        publishedAt\n        updatedAt\n        section { slug name }\n        author { name }\n      }\n    }\n  }\n}\n"): (typeof documents)["\nquery NewsroomArticles($status: [ArticleStatus!], $section: String, $search: String, $mine: Boolean) {\n  editorArticles(status: $status, section: $section, search: $search, mine: $mine, first: 50) {\n    edges {\n      node {\n        id\n        title\n        status\n        version\n        publishedAt\n        updatedAt\n        section { slug name }\n        author { name }\n      }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery NewsroomArticle($id: ID!) {\n  editorArticle(id: $id) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    bodyHtml\n    status\n    version\n    publishedAt\n    firstPublishedAt\n    updatedAt\n    url\n    section { slug name }\n    author { name }\n    tags { name }\n    heroImage { url width height caption credit }\n    revisions(first: 50) {\n      edges { node { version firstVersion kind createdAt savedAt title status editor { name } } }\n    }\n  }\n}\n"): (typeof documents)["\nquery NewsroomArticle($id: ID!) {\n  editorArticle(id: $id) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    bodyHtml\n    status\n    version\n    publishedAt\n    firstPublishedAt\n    updatedAt\n    url\n    section { slug name }\n    author { name }\n    tags { name }\n    heroImage { url width height caption credit }\n    revisions(first: 50) {\n      edges { node { version firstVersion kind createdAt savedAt title status editor { name } } }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation CreateArticle($input: CreateArticleInput!) {\n  createArticle(input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n"): (typeof documents)["\nmutation CreateArticle($input: CreateArticleInput!) {\n  createArticle(input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation UpdateArticle($id: ID!, $expectedVersion: Int!, $input: UpdateArticleInput!) {\n  updateArticle(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n"): (typeof documents)["\nmutation UpdateArticle($id: ID!, $expectedVersion: Int!, $input: UpdateArticleInput!) {\n  updateArticle(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    article { id slug title status version updatedAt }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation PublishArticle($id: ID!, $expectedVersion: Int!, $at: DateTime) {\n  publishArticle(id: $id, expectedVersion: $expectedVersion, at: $at) {\n    article { id slug status version publishedAt url }\n  }\n}\n"): (typeof documents)["\nmutation PublishArticle($id: ID!, $expectedVersion: Int!, $at: DateTime) {\n  publishArticle(id: $id, expectedVersion: $expectedVersion, at: $at) {\n    article { id slug status version publishedAt url }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {\n  unpublishArticle(id: $id, expectedVersion: $expectedVersion) {\n    article { id slug status version }\n  }\n}\n"): (typeof documents)["\nmutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {\n  unpublishArticle(id: $id, expectedVersion: $expectedVersion) {\n    article { id slug status version }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation RestoreRevision($id: ID!, $version: Int!, $expectedVersion: Int!) {\n  restoreRevision(id: $id, version: $version, expectedVersion: $expectedVersion) {\n    article { id title status version }\n  }\n}\n"): (typeof documents)["\nmutation RestoreRevision($id: ID!, $version: Int!, $expectedVersion: Int!) {\n  restoreRevision(id: $id, version: $version, expectedVersion: $expectedVersion) {\n    article { id title status version }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nmutation CreatePreviewLink($id: ID!) {\n  createPreviewLink(id: $id) { token url expiresAt }\n}\n"): (typeof documents)["\nmutation CreatePreviewLink($id: ID!) {\n  createPreviewLink(id: $id) { token url expiresAt }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\nquery PreviewPage($token: String!) {\n  articlePreview(token: $token) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    status\n    version\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  publication { name }\n}\n"): (typeof documents)["\nquery PreviewPage($token: String!) {\n  articlePreview(token: $token) {\n    id\n    slug\n    title\n    subtitle\n    excerpt\n    dateline\n    publishedAt\n    updatedAt\n    url\n    readingTimeMinutes\n    status\n    version\n    section { id slug name }\n    author { id slug name avatarUrl }\n    tags { id slug name }\n    heroImage { url width height caption credit }\n    blocks {\n      __typename\n      ... on Paragraph { html }\n      ... on Heading { level text }\n      ... on Image { url width height caption credit }\n      ... on Quote { text attribution }\n      ... on Embed { provider url html }\n      ... on AdSlot { slotId position }\n    }\n    shareLinks { whatsapp facebook x telegram email }\n    related(first: 5) { id slug title publishedAt url section { name } heroImage { url width height } }\n  }\n  publication { name }\n}\n"];
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