import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaveStatus } from './SaveStatus';

afterEach(cleanup);

describe('SaveStatus', () => {
  it('exposes its state for tests and people', () => {
    const { rerender } = render(<SaveStatus status={{ state: 'saved' }} onRetry={() => {}} />);
    expect(screen.getByTestId('save-status').dataset.state).toBe('saved');
    rerender(<SaveStatus status={{ state: 'conflict' }} onRetry={() => {}} />);
    expect(screen.getByTestId('save-status').textContent).toContain(
      'Updated from another device — your edits were kept',
    );
  });

  it('offers Retry on error', () => {
    const onRetry = vi.fn();
    render(
      <SaveStatus
        status={{ state: 'error', error: { code: 'disk_full', message: 'x' } }}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByTestId('save-status').dataset.state).toBe('error');
    fireEvent.click(screen.getByTestId('save-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
