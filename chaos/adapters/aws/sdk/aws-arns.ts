/** ARNs of the resources a drill names, for one account and region (commercial partition). */
export function awsArns(region: string, accountId: string) {
  return {
    function: (nameOrQualified: string) => `arn:aws:lambda:${region}:${accountId}:function:${nameOrQualified}`,
    alarm: (name: string) => `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`,
    role: (name: string) => `arn:aws:iam::${accountId}:role/${name}`,
  };
}
