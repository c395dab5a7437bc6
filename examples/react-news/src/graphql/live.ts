import { graphql } from '../gql';

// The live operations (the shared contract, operations/live/, as written). The subscriptions go
// over server-sent events (src/live.ts); LiveBlog and AddLiveEntry through urql as usual.

export const LatestArticlesSubscription = graphql(`
subscription LatestArticles($section: String) {
  latestArticles(section: $section) {
    cursor
    article { id slug title url publishedAt section { slug name } }
  }
}
`);

export const LiveBlogQuery = graphql(`
query LiveBlog($slug: String!, $after: String) {
  article(slug: $slug) {
    id title isLive
    liveEntries(first: 20, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id createdAt updatedAt pinned keyEvent title html } }
    }
  }
}
`);

export const LiveBlogUpdatesSubscription = graphql(`
subscription LiveBlogUpdates($slug: String!) {
  liveBlogUpdates(slug: $slug) {
    cursor
    kind
    entry { id createdAt updatedAt pinned keyEvent title html }
  }
}
`);

export const AddLiveEntryMutation = graphql(`
mutation AddLiveEntry($articleId: ID!, $input: LiveEntryInput!) {
  addLiveEntry(articleId: $articleId, input: $input) {
    entry { id createdAt pinned keyEvent title html }
  }
}
`);

// The example's own: the newsroom's live switch (editors), on the documented surface (README "Live updates").
export const SetArticleLiveMutation = graphql(`
mutation SetArticleLive($articleId: ID!, $live: Boolean!) {
  setArticleLive(articleId: $articleId, live: $live) { articleId isLive }
}
`);
