/** Whether an integration is configured, and if not, how to configure it. */
export interface IntegrationStatus {
  configured: boolean;
  /** Why the integration is not configured, and how to configure it. */
  detail: string;
}
