#!/usr/bin/env bash
# make deploy: ship exactly what was built and tested, in order (README "Deploy", docs/runbook.md).
#
#   STACK=baclofen-pump-guide ALARM_EMAIL=ops@example.org make deploy
#
# 1. refuses unless the content is clinically signed off (signoff/approval.yaml; ALLOW_UNAPPROVED=1 for a
#    test stack), 2. builds build/skill.zip with python3.13 bytecode (make package), 3. `sam deploy`s that zip
#    as it is (template CodeUri; no `sam build`) and checks Lambda holds those bytes, 4. publishes site/,
#    5. renders build/skill-package with the stack's ARN and page URLs (model-lint --set-endpoint) and
#    6. `ask deploy`s it with the pinned ASK CLI (tools/ask-cli), 7. on the first deploy, locks the function
#    to the new skill id. Deploy-time values live in samconfig.toml and interaction_model/.ask/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

STACK="${STACK:-baclofen-pump-guide}"
BIN=.venv/bin
say() { printf '\n== %s\n' "$*"; }
die() { printf 'deploy: %s\n' "$*" >&2; exit 1; }

say "0. what this machine needs"
for tool in sam aws node npm; do command -v "$tool" >/dev/null || die "$tool is not installed (README, Deploy)"; done
python_313="${BUILD_ZIP_PYTHON:-$(command -v python3.13 || true)}"
[ -n "$python_313" ] || die "python3.13 (the Lambda runtime's version) is needed to compile the zip's bytecode; \
install it or set BUILD_ZIP_PYTHON"
aws sts get-caller-identity >/dev/null || die "no AWS credentials (aws configure)"

say "1. clinical sign-off"
if ! $BIN/clinical-review --check; then
  die "the content is not signed off as it is now (signoff/approval.yaml)"
fi
if ! grep -q '^status: approved' signoff/approval.yaml; then
  [ "${ALLOW_UNAPPROVED:-}" = 1 ] || die "awaiting clinical sign-off: set ALLOW_UNAPPROVED=1 only for a test stack"
  echo "deploy: WARNING: deploying content that no clinician has signed off (ALLOW_UNAPPROVED=1)"
fi

say "2. the artifact that was tested"
BUILD_ZIP_PYTHON="$python_313" make package
python3 - <<'PY' || die "build/skill.zip carries no cpython-313 bytecode: it is not the artifact make bench measures"
import sys, zipfile
names = zipfile.ZipFile("build/skill.zip").namelist()
sys.exit(0 if any(n.endswith(".cpython-313.pyc") for n in names) else 1)
PY
zip_sha256_b64=$(python3 -c "import base64,hashlib;print(base64.b64encode(hashlib.sha256(open('build/skill.zip','rb').read()).digest()).decode())")

say "3. the stack (function, table, pages, dashboard, alarms)"
skill_id=""
if [ -f interaction_model/.ask/ask-states.json ]; then
  skill_id=$(python3 -c "import json;print(json.load(open('interaction_model/.ask/ask-states.json'))['profiles']['default']['skillId'])" 2>/dev/null || true)
fi
if ! aws cloudformation describe-stacks --stack-name "$STACK" >/dev/null 2>&1; then
  [ -n "${USER_HASH_SALT:-}" ] || die "first deploy of $STACK: set USER_HASH_SALT (python3 -c \"import secrets; \
print(secrets.token_hex(32))\"), and keep it: changing it later orphans every stored profile"
fi
overrides=()
[ -n "$skill_id" ] && overrides+=("SkillId=$skill_id")
[ -n "${ALARM_EMAIL:-}" ] && overrides+=("AlarmEmail=$ALARM_EMAIL")
[ -n "${USER_HASH_SALT:-}" ] && overrides+=("UserHashSalt=$USER_HASH_SALT")
sam deploy --template-file template.yaml --stack-name "$STACK" --resolve-s3 --capabilities CAPABILITY_IAM \
  --no-fail-on-empty-changeset ${overrides:+--parameter-overrides "${overrides[@]}"}
output() { aws cloudformation describe-stacks --stack-name "$STACK" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
arn=$(output SkillFunctionArn)
deployed=$(aws lambda get-function --function-name "$arn" --query Configuration.CodeSha256 --output text)
[ "$deployed" = "$zip_sha256_b64" ] || die "Lambda runs $deployed, not build/skill.zip ($zip_sha256_b64)"
echo "deploy: Lambda runs build/skill.zip (CodeSha256 $deployed)"

say "4. the privacy policy and terms of use"
aws s3 sync site/ "s3://$(output SiteBucketName)/" --delete
aws cloudfront create-invalidation --distribution-id "$(output SiteDistributionId)" --paths "/*" >/dev/null

say "5. the skill package that ships"
$BIN/model-lint --smapi --set-endpoint "$arn" --privacy-url "$(output PrivacyPolicyUrl)" \
  --terms-url "$(output TermsOfUseUrl)" --out build/skill-package

say "6. the skill (pinned ASK CLI)"
npm install --prefix tools/ask-cli --no-audit --no-fund --no-package-lock >/dev/null
ask="$PWD/tools/ask-cli/node_modules/.bin/ask"
"$ask" --version
(cd interaction_model && "$ask" deploy)

if [ -z "$skill_id" ]; then
  say "7. first deploy: lock the function to the new skill"
  skill_id=$(python3 -c "import json;print(json.load(open('interaction_model/.ask/ask-states.json'))['profiles']['default']['skillId'])")
  sam deploy --template-file template.yaml --stack-name "$STACK" --resolve-s3 --capabilities CAPABILITY_IAM \
    --no-fail-on-empty-changeset --parameter-overrides "SkillId=$skill_id" ${ALARM_EMAIL:+"AlarmEmail=$ALARM_EMAIL"}
fi
say "done: dashboard $(output DashboardUrl)"
