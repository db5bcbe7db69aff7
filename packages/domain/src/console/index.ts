export { ConversationDesk, type OperatorMessage } from './conversation-desk.js';
export { listInbox, INBOX_FILTERS, type InboxFilter, type InboxRow } from './inbox.js';
export { viewConversation, viewMessage, type ConversationViewRow, type TimelineRow } from './conversation-view.js';
export { TemplateChoices, type TemplateChoice } from './template-choices.js';
