/** The Roll back button of a rollout suspect; value = JSON `{cluster, namespace, deployment, toRevision}`. */
export const CONTEXT_ROLLBACK_ACTION_ID = 'context_rollback';
