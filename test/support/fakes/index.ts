/** In-memory fakes of the core's ports, for unit tests anywhere in the project. */
export { createFakeClock, type FakeClock } from './clock.js';
export { createSilentLogger, type LogEntry, type RecordingLogger } from './logger.js';
export { createMemoryStore, type MemoryStore } from './memory-store.js';
export { createMemoryIncidentRepository, type MemoryIncidentRepository } from './memory-incidents.js';
export { createMemoryTimelineRepository, type MemoryTimelineRepository } from './memory-timeline.js';
export { createMemoryJobRepository, type MemoryJobRepository, type StoredJob, type JobStatus } from './memory-jobs.js';
export { createFakeChat, SLACK_METHODS, type ChatCall, type ChatMethod, type FakeChannel, type FakeChat, type FakeMessage } from './fake-chat.js';
export { createFakeViews } from './fake-views.js';
export { createNotConfiguredOnCall, createRecordingOnCall, ONCALL_NOT_CONFIGURED_DETAIL, type RecordingOnCall } from './fake-oncall.js';
export { testIncidentSettings, TEST_GROUPS } from './incident-settings.js';
export { createIncidentHarness, BOT_USER_ID, type IncidentHarness } from './incident-harness.js';
export { createFakeMetrics, fakeSloQueries, type FakeMetricsTable } from './fake-metrics.js';
export { createMemoryDeployCheckRepository, type MemoryDeployCheckRepository } from './memory-deploy-checks.js';
export { testReleaseSettings } from './release-settings.js';
