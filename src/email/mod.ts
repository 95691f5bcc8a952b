/** Email capability: statement messages, delivered over SMTP or written as .eml files. */
export {
  deliverStatementEmails,
  type DeliveryOptions,
  type DeliveryReport,
} from "./deliver_statement_emails.ts";
export {
  type ComposedMessage,
  composeStatementMessage,
  type EmailBatch,
  type EmailDisputeRoute,
  type EmailStatement,
  renderSubject,
} from "./compose_message.ts";
export {
  createMailTransport,
  FATAL_SMTP_CODES,
  type MailTransport,
  type TransportOutcome,
} from "./mail_transport.ts";
