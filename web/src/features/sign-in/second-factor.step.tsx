import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SecondFactor } from '../../../../src/modules/access/access.schemas.js';
import { OneTimeCodeForm } from '../account/one-time-code.form.js';
import { sessionApi } from '../session/session.api.js';
import { applySession } from '../session/session.js';
import { SignInStep } from './sign-in-step.js';

export function SecondFactorStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <SignInStep title={t('secondFactor.title')} description={t('secondFactor.intro')} withCancel>
      <OneTimeCodeForm
        schema={SecondFactor}
        send={sessionApi.secondFactor}
        onAccepted={(view) => applySession(queryClient, view)}
        label={t('secondFactor.code')}
        description={t('secondFactor.codeDescription')}
        submitLabel={t('secondFactor.submit')}
        recoveryCode
        alone
      />
    </SignInStep>
  );
}
