import { graphql } from '../gql';

// The newsroom's operations (/redaksi). SignIn, CreateArticle, UpdateArticle, PublishArticle,
// UnpublishArticle, RestoreRevision and CreatePreviewLink are the shared editorial contract
// (operations/editorial/) as written; the others are the example's own, on the documented surface
// (docs/editorial.md). All of them but ArticlePreview need "Authorization: Bearer <token>".

export const SignInMutation = graphql(`
mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
    token
    expiresAt
    staff { id name email role }
  }
}
`);

export const SignOutMutation = graphql(`
mutation SignOut {
  signOut
}
`);

export const NewsroomMeQuery = graphql(`
query NewsroomMe {
  me { id name email role }
  sections { id slug name }
}
`);

// The list: last changed first, filtered by status, section, "mine" and a title search.
export const NewsroomArticlesQuery = graphql(`
query NewsroomArticles($status: [ArticleStatus!], $section: String, $search: String, $mine: Boolean) {
  editorArticles(status: $status, section: $section, search: $search, mine: $mine, first: 50) {
    edges {
      node {
        id
        title
        status
        version
        publishedAt
        updatedAt
        section { slug name }
        author { name }
      }
    }
  }
}
`);

// Everything the editor shows, with the revision history.
export const NewsroomArticleQuery = graphql(`
query NewsroomArticle($id: ID!) {
  editorArticle(id: $id) {
    id
    slug
    title
    subtitle
    excerpt
    dateline
    bodyHtml
    status
    version
    publishedAt
    firstPublishedAt
    updatedAt
    url
    section { slug name }
    author { name }
    tags { name }
    heroImage { url width height caption credit }
    revisions(first: 50) {
      edges { node { version firstVersion kind createdAt savedAt title status editor { name } } }
    }
  }
}
`);

export const CreateArticleMutation = graphql(`
mutation CreateArticle($input: CreateArticleInput!) {
  createArticle(input: $input) {
    article { id slug title status version updatedAt }
  }
}
`);

export const UpdateArticleMutation = graphql(`
mutation UpdateArticle($id: ID!, $expectedVersion: Int!, $input: UpdateArticleInput!) {
  updateArticle(id: $id, expectedVersion: $expectedVersion, input: $input) {
    article { id slug title status version updatedAt }
  }
}
`);

export const PublishArticleMutation = graphql(`
mutation PublishArticle($id: ID!, $expectedVersion: Int!, $at: DateTime) {
  publishArticle(id: $id, expectedVersion: $expectedVersion, at: $at) {
    article { id slug status version publishedAt url }
  }
}
`);

export const UnpublishArticleMutation = graphql(`
mutation UnpublishArticle($id: ID!, $expectedVersion: Int!) {
  unpublishArticle(id: $id, expectedVersion: $expectedVersion) {
    article { id slug status version }
  }
}
`);

export const RestoreRevisionMutation = graphql(`
mutation RestoreRevision($id: ID!, $version: Int!, $expectedVersion: Int!) {
  restoreRevision(id: $id, version: $version, expectedVersion: $expectedVersion) {
    article { id title status version }
  }
}
`);

export const CreatePreviewLinkMutation = graphql(`
mutation CreatePreviewLink($id: ID!) {
  createPreviewLink(id: $id) { token url expiresAt }
}
`);

// The preview page (/pratinjau/<token>): the same selection as the article page's article, so the
// same components render it exactly as readers will see it. No staff token: the preview token is the key.
export const PreviewPageQuery = graphql(`
query PreviewPage($token: String!) {
  articlePreview(token: $token) {
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
    status
    version
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
  publication { name }
}
`);
