/**
 * A start-up failure without a recovery screen: the browser's storage, or a desktop app that
 * could not say more. The message, and Try again.
 */
export function StartupError({
  message,
  onRetry = () => window.location.reload(),
}: {
  message: string;
  onRetry?: () => void;
}) {
  return (
    <div className="fatal" role="alert" data-testid="startup-error">
      <h1>Koda can’t open your data</h1>
      <p>{message}</p>
      <div className="fatal__actions">
        <button type="button" className="btn btn--secondary" data-testid="startup-retry" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
