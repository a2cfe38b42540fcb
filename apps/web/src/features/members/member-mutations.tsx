import { Alert, List } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HistoryInput, MemberDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { replaceHistory } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import { notifyDone } from '../../lib/notify.ts';

/**
 * After any change of a member: the page shows the record the server answered with, and every
 * register, leadership block and probation list is read again (the member may have moved).
 */
export function useMemberSaved() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return async (saved: MemberDto) => {
    queryClient.setQueryData(keys.member(saved.id), saved);
    notifyDone(t('memberPage.saved'));
    await queryClient.invalidateQueries({ queryKey: keys.organizations });
  };
}

/** PUT the whole history built by a form; on 422 the server's messages come back in `error`. */
export function useHistoryMutation(member: MemberDto) {
  const saved = useMemberSaved();
  return useMutation({ mutationFn: (input: HistoryInput) => replaceHistory(member.id, input), onSuccess: saved });
}

/** The server's refusal next to the form: each problem of the history on its own line. */
export function ServerErrors({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const issues = error.issues;
  return (
    <Alert color="red" role="alert" title={t('memberPage.notSaved')}>
      {issues.length === 0 ? (
        error.message
      ) : (
        <List size="sm">
          {issues.map((i) => (
            <List.Item key={`${i.path}-${i.message}`}>{i.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
