/** One open conversation, as the dashboard's URL names it; conversation ids are per account. */
export interface ConversationRef {
  readonly accountId: string;
  readonly conversationId: string;
}

/**
 * Every dashboard route that shows a conversation ends in `conversations/<id>`: `/app/accounts/1/conversations/7`, and
 * the inbox, label, team, custom view, mentions, unattended and participating variants
 * (routes/dashboard/conversation/conversation.routes.js). Chatwoot's router switches them with history.pushState.
 */
const CONVERSATION_PATH = /^\/app\/accounts\/(\d+)\/(?:[^/]+\/)*conversations\/(\d+)\/?$/;

export function conversationOf(url: URL): ConversationRef | undefined {
  const match = CONVERSATION_PATH.exec(url.pathname);
  return match?.[1] && match[2] ? { accountId: match[1], conversationId: match[2] } : undefined;
}

/** Names the conversation across accounts and installations: what the manager's typed id is remembered under. */
export function conversationKey(url: URL, conversation: ConversationRef): string {
  return `${url.host}/accounts/${conversation.accountId}/conversations/${conversation.conversationId}`;
}
