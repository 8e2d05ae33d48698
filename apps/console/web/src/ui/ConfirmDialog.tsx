import { useEffect, useRef } from 'react';

/**
 * Asks before something that cannot be undone: a native modal dialog (Escape or "keep" cancels, focus returns where
 * it was), the safe choice focused first.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirm,
  cancel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onClose={onClose}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-body">{body}</p>
      <form method="dialog" className="button-row">
        <button type="submit" value="cancel" autoFocus>
          {cancel}
        </button>
        <button
          type="submit"
          value="confirm"
          className="danger"
          onClick={(event) => {
            event.preventDefault();
            onConfirm();
            dialog.current?.close();
          }}
        >
          {confirm}
        </button>
      </form>
    </dialog>
  );
}
