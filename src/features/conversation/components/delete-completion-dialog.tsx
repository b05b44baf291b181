import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { deleteCompletionMutation } from '@/api/curation.ts';
import { useApiScope } from '@/api/scope.ts';
import { explainError } from '@/components/error-state.tsx';
import { isApiError } from '@/api/errors.ts';
import { lastListHref } from '@/lib/navigation-memory.ts';

/** Asks before deleting, naming the completion; on success goes back to the list without it. */
export function DeleteCompletionDialog({
  completionId,
  onClose,
}: {
  completionId: string;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const scope = useApiScope();
  const mutation = useMutation(deleteCompletionMutation(queryClient, scope, completionId));

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const failure = mutation.error
    ? `${explainError(mutation.error, 'Completion').title}${
        isApiError(mutation.error) && mutation.error.kind === 'http'
          ? `: ${mutation.error.message}`
          : ''
      }`
    : null;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="delete-title"
      onClose={onClose}
      onCancel={(event) => {
        if (mutation.isPending) event.preventDefault();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-[rgb(2_6_23/0.40)]"
    >
      <div className="flex flex-col gap-3 p-5">
        <h2 id="delete-title" className="text-lg font-semibold">
          Delete this stored completion?
        </h2>
        <p className="font-mono text-sm break-all">{completionId}</p>
        <p className="text-sm text-slate-600">
          It is deleted from the API’s storage for everyone with access to it, with its messages.
          This cannot be undone.
        </p>
        {failure && (
          <p
            role="alert"
            className="rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-900"
          >
            Not deleted. {failure}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={() => dialogRef.current?.close()}
            disabled={mutation.isPending}
            className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() =>
              mutation.mutate(undefined, {
                // Replacing the deleted completion's entry: Back must not land on "not found".
                onSuccess: () => navigate(lastListHref(), { replace: true }),
              })
            }
            disabled={mutation.isPending}
            className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800 disabled:opacity-60"
          >
            {mutation.isPending ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>
    </dialog>
  );
}
