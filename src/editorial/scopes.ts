import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import { canEditAny, canModerate, canWrite, isAdmin, mayEditArticle } from './policy';
import { findEditableArticle } from './articles';
import { forbidden, unauthenticated } from './errors';

// The scopes fields ask for (Pothos scope-auth); each is one rule of policy.ts. `mayEdit` takes an
// article id and answers whether the signed-in staff member may change that article.

export interface AuthScopes {
  staff: boolean;
  writer: boolean;
  editor: boolean;
  moderator: boolean;
  admin: boolean;
  mayEdit: number;
  self: number;
}

export async function authScopesOf(ctx: Context) {
  const actor = await ctx.editorial.actor();
  return {
    staff: actor !== null,
    writer: canWrite(actor),
    editor: canEditAny(actor),
    moderator: canModerate(actor),
    admin: isAdmin(actor),
    mayEdit: async (articleId: number) => {
      if (!actor) return false;
      if (canEditAny(actor)) return true;
      const article = await findEditableArticle(ctx.editorial.db, articleId);
      // A writer asking about an unknown id learns nothing more than "not yours".
      return article !== undefined && mayEditArticle(actor, article);
    },
    self: (staffId: number) => actor?.id === staffId,
  };
}

/** Without a valid token: UNAUTHENTICATED; signed in but not allowed: FORBIDDEN. */
export function scopeAuthError(_parent: unknown, ctx: Context, info: { parentType: { name: string }; fieldName: string }): GraphQLError {
  // The scopes were computed first, so the actor is known by now.
  const actor = ctx.editorial.knownActor();
  if (!actor) return unauthenticated();
  return forbidden(`The ${actor.role} role may not use ${info.parentType.name}.${info.fieldName}.`);
}
