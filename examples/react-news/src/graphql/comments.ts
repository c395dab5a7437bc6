import { graphql } from '../gql';

// The comment operations. ArticleComments, PostComment, ReportComment and ModerateComments are the
// shared contract (operations/comments/) as written; CommentsOpen, ModerationQueueOrdered (the shared
// ModerationQueue with an order) and ModerationStats are the example's own, on the documented surface
// (docs/comments.md). The moderation ones need "Authorization: Bearer <token>" of a moderator,
// editor or admin.

// The article page's Komentar section: published top-level comments (oldest first), one level of replies.
export const ArticleCommentsQuery = graphql(`
query ArticleComments($slug: String!, $after: String) {
  article(slug: $slug) {
    id
    commentCount
    comments(first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id authorName createdAt html
          replies(first: 10) {
            totalCount
            edges { node { id authorName createdAt html } }
          }
        }
      }
    }
  }
}
`);

// Whether the post form is shown (closed by the newsroom, for the section, or some days after publication).
export const CommentsOpenQuery = graphql(`
query CommentsOpen($slug: String!) {
  article(slug: $slug) { id commentsOpen }
}
`);

export const PostCommentMutation = graphql(`
mutation PostComment($input: PostCommentInput!) {
  postComment(input: $input) {
    status
    message
    comment { id }
  }
}
`);

export const ReportCommentMutation = graphql(`
mutation ReportComment($id: ID!, $reason: CommentReportReason!, $note: String) {
  reportComment(id: $id, reason: $reason, note: $note) { received }
}
`);

// The shared ModerationQueue operation with the order the moderator picks (newest or oldest first),
// `isReply`, and the article's slug for its link.
export const ModerationQueueOrderedQuery = graphql(`
query ModerationQueueOrdered($queue: CommentQueue!, $order: CommentOrder!, $after: String) {
  moderationQueue(queue: $queue, order: $order, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id status authorName authorEmail body createdAt reasons reportCount isReply
        article { slug title url }
      }
    }
  }
}
`);

export const ModerationStatsQuery = graphql(`
query ModerationStats {
  moderationStats {
    openReports
    oldestOpenReportAgeSeconds
    reportsLast30Days
    resolvedWithin4Hours
    resolvedWithin24Hours
  }
}
`);

export const ModerateCommentsMutation = graphql(`
mutation ModerateComments($ids: [ID!]!, $action: ModerationAction!) {
  moderateComments(ids: $ids, action: $action) {
    comments { id status }
  }
}
`);
