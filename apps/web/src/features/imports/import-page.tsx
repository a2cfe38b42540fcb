import { Alert, Anchor, Box, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { isCellKind, type ImportPreviewDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fetchImport, putImportChoices, type PreviewPage } from '../../api/import-endpoints.ts';
import { useOrganization } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization } from '../../lib/permissions.ts';
import { CommitStep, ResultStep } from './commit-step.tsx';
import { FIRST_PAGE, NO_CHOICES, PAGE_SIZE, type Choices } from './import-state.ts';
import { MappingStep } from './mapping-step.tsx';
import { PreviewStep } from './preview-step.tsx';
import { UploadStep } from './upload-step.tsx';

const STEPS = ['upload', 'mapping', 'preview', 'confirm', 'result'] as const;
type Step = (typeof STEPS)[number];


/** /to-chuc/:id/nhap-danh-sach: a member list from a file, previewed and corrected before anything is written. */
export function ImportPage() {
  const { id = '' } = useParams();
  return <ImportWizard key={id} organizationId={id} />;
}

function ImportWizard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const org = useOrganization(organizationId);
  const [step, setStep] = useState<Step>('upload');
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [choices, setChoices] = useState<Choices>(NO_CHOICES);
  const [page, setPage] = useState<PreviewPage>(FIRST_PAGE);

  // One door for every change of the preview: new choices (PUT, re-checked) or another page (GET).
  const refresh = useMutation({
    mutationFn: async (v: { choices?: Choices; page: PreviewPage }) => {
      if (!preview) throw new Error('no import yet');
      let page = v.page;
      let dto = v.choices ? await putImportChoices(preview.id, v.choices, page) : await fetchImport(preview.id, page);
      // Fixing or skipping the last rows of the last page can leave it empty: show the last page that has rows.
      const pool = page.only === 'errors' ? dto.counts.error : dto.counts.total;
      if (dto.rows.length === 0 && page.offset > 0 && pool > 0) {
        page = { ...page, offset: Math.floor((pool - 1) / PAGE_SIZE) * PAGE_SIZE };
        dto = await fetchImport(preview.id, page);
      }
      return { dto, page };
    },
    onSuccess: ({ dto, page: shown }, v) => {
      setPreview(dto);
      setPage(shown);
      if (v.choices) setChoices(v.choices);
    },
  });
  const update = (v: { choices?: Choices; page: PreviewPage }) => refresh.mutateAsync(v);

  if (org.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (org.isError) {
    return (
      <>
        <PageTitle>{t('import.title')}</PageTitle>
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {org.error.message}
        </Alert>
      </>
    );
  }
  const o = org.data;
  const back = (
    <Anchor component={Link} to={`/to-chuc/${o.id}`} size="sm">
      ← {o.name}
    </Anchor>
  );
  if (!isCellKind(o.kind) || o.closedAt !== null || !canOnOrganization(me, 'member.manage', o)) {
    return (
      <Stack>
        {back}
        <PageTitle>{t('import.title')}</PageTitle>
        <Alert color="blue">{t('import.notAllowed')}</Alert>
      </Stack>
    );
  }

  const restart = () => {
    setPreview(null);
    setChoices(NO_CHOICES);
    setPage(FIRST_PAGE);
    refresh.reset();
    setStep('upload');
  };

  return (
    <Stack gap="md">
      <div>
        {back}
        <PageTitle>{t('import.title')}</PageTitle>
        <Text mt={-8}>{t('import.intro', { organization: o.name })}</Text>
      </div>
      <StepList current={step} />
      {step === 'upload' && (
        <UploadStep
          organizationId={o.id}
          onUploaded={(dto) => {
            setPreview(dto);
            setStep('mapping');
          }}
        />
      )}
      {preview && step === 'mapping' && (
        <MappingStep
          preview={preview}
          onBack={restart}
          onApply={async (mapping) => {
            await update({ choices: { ...choices, mapping }, page: FIRST_PAGE });
            setStep('preview');
          }}
          error={refresh.error}
          pending={refresh.isPending}
        />
      )}
      {preview && step === 'preview' && (
        <PreviewStep
          preview={preview}
          choices={choices}
          page={page}
          update={update}
          pending={refresh.isPending}
          error={refresh.error}
          onBack={() => setStep('mapping')}
          onNext={() => setStep('confirm')}
        />
      )}
      {preview && step === 'confirm' && (
        <CommitStep
          preview={preview}
          onBack={() => setStep('preview')}
          onCommitted={(dto) => {
            setPreview(dto);
            setStep('result');
          }}
        />
      )}
      {preview && step === 'result' && <ResultStep preview={preview} organizationId={o.id} onAnother={restart} />}
    </Stack>
  );
}

function StepList({ current }: { current: Step }) {
  const { t } = useTranslation();
  const at = STEPS.indexOf(current);
  return (
    <Box component="ol" aria-label={t('import.steps')} m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
      {STEPS.map((s, i) => (
        <Text
          component="li"
          key={s}
          size="sm"
          fw={i === at ? 700 : 400}
          c={i === at ? 'red.9' : i < at ? 'dark.7' : 'dimmed'}
          aria-current={i === at ? 'step' : undefined}
        >
          {i + 1}. {t(`import.step.${s}`)}
        </Text>
      ))}
    </Box>
  );
}
