export { OperatorAccounts, OPERATOR_ROLES, MIN_PASSWORD_LENGTH, type OperatorRole, type OperatorView } from './operator-accounts.js';
export { OperatorSessions, csrfTokenMatches, type OpenSession, type SessionOptions } from './operator-sessions.js';
