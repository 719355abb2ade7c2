/** @jest-environment jsdom */
import './setupDom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MoreActions } from '../../src/taskpane/MoreActions';
import { PortError } from '../../src/workflows/workbookPort';

afterEach(cleanup);

function renderActions(onDropState?: () => Promise<void>): void {
  render(
    <FluentProvider theme={webLightTheme}>
      <MoreActions
        lang="zh-CN"
        disabled={false}
        startingNewPeriod={false}
        onStartNewPeriod={() => undefined}
        onClearMarks={async () => undefined}
        refreshedAt={null}
        onDropState={onDropState}
      />
    </FluentProvider>,
  );
}

const dropButton = (): HTMLButtonElement => screen.getByTestId('drop-state') as HTMLButtonElement;

describe('MoreActions: remove ledger state before sending', () => {
  it('is not offered without a host that can', () => {
    renderActions();
    expect(screen.queryByTestId('drop-state')).toBeNull();
  });

  it('asks first, and a cancel removes nothing', async () => {
    const drop = jest.fn(async () => undefined);
    renderActions(drop);
    expect(dropButton().textContent).toBe('外发前移除台账状态');
    await act(async () => fireEvent.click(dropButton()));
    expect(screen.getByTestId('confirm-drop-state').textContent).toContain('无法恢复');
    await act(async () => fireEvent.click(screen.getByText('取消')));
    expect(screen.queryByTestId('confirm-drop-state')).toBeNull();
    expect(drop).not.toHaveBeenCalled();
  });

  it('removes the state once confirmed and says so', async () => {
    const drop = jest.fn(async () => undefined);
    renderActions(drop);
    await act(async () => fireEvent.click(dropButton()));
    await act(async () => fireEvent.click(screen.getByTestId('confirm-drop-state-ok')));
    expect(drop).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('confirm-drop-state')).toBeNull();
    expect(screen.getByTestId('drop-state-result').textContent).toBe('已移除台账状态。保存工作簿后即可外发。');
  });

  it('shows a failure with its code', async () => {
    renderActions(() => Promise.reject(new PortError('write_failed', 'settings.saveAsync failed')));
    await act(async () => fireEvent.click(dropButton()));
    await act(async () => fireEvent.click(screen.getByTestId('confirm-drop-state-ok')));
    expect(screen.getByTestId('drop-state-result').textContent).toMatch(/^移除台账状态失败：/);
  });
});
