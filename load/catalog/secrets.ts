/** Name of the login password in a k6 secret source (Grafana Cloud k6 secrets, `--secret-source=file=...`). */
export const PASSWORD_SECRET_NAME = 'hasivu-user-password';
