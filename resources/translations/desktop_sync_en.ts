<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConnectDialog</name>
    <message numerus="yes">
        <source>{app}: table “{table}” holds %n record(s).</source>
        <translation>
            <numerusform>{app}: table “{table}” holds %n record.</numerusform>
            <numerusform>{app}: table “{table}” holds %n records.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed in to {app}. Pick the company from the list (%n found).</source>
        <translation>
            <numerusform>Signed in to {app}. Pick the company from the list (%n found).</numerusform>
            <numerusform>Signed in to {app}. Pick the company from the list (%n found).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoupleDialog</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <source>%n open error(s)</source>
        <translation>
            <numerusform>%n open error</numerusform>
            <numerusform>%n open errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n mapping(s)</source>
        <translation>
            <numerusform> in %n mapping</numerusform>
            <numerusform> in %n mappings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in the last 30 days</source>
        <translation>
            <numerusform>%n job in the last 30 days</numerusform>
            <numerusform>%n jobs in the last 30 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n record(s) failed</source>
        <translation>
            <numerusform>, %n record failed</numerusform>
            <numerusform>, %n records failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorActions</name>
    <message numerus="yes">
        <source>Retry all %n error(s) in the list?</source>
        <translation>
            <numerusform>Retry the one error in the list?</numerusform>
            <numerusform>Retry all %n errors in the list?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted record(s) found</source>
        <translation>
            <numerusform>%n deleted record found</numerusform>
            <numerusform>%n deleted records found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorsModel</name>
    <message numerus="yes">
        <source>Failed %n time(s) in a row with this message.</source>
        <translation>
            <numerusform>Failed %n time with this message.</numerusform>
            <numerusform>Failed %n times in a row with this message.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorsView</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n errors selected.</source>
        <translation>
            <numerusform>%n error selected.</numerusform>
            <numerusform>%n errors selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The &amp;errors list as shown now: %n error(s), with its filter and sort</source>
        <translation>
            <numerusform>The &amp;errors list as shown now: %n error, with its filter and sort</numerusform>
            <numerusform>The &amp;errors list as shown now: %n errors, with its filter and sort</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written…</source>
        <translation>
            <numerusform>%n row written…</numerusform>
            <numerusform>%n rows written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}.</source>
        <translation>
            <numerusform>%n row written to {path}.</numerusform>
            <numerusform>%n rows written to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%n resolved error(s) or more</source>
        <translation>
            <numerusform>%n resolved error or more</numerusform>
            <numerusform>%n resolved errors or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resolved error(s)</source>
        <translation>
            <numerusform>%n resolved error</numerusform>
            <numerusform>%n resolved errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message numerus="yes">
        <source>%n inserted</source>
        <translation>
            <numerusform>%n inserted</numerusform>
            <numerusform>%n inserted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n modified</source>
        <translation>
            <numerusform>%n modified</numerusform>
            <numerusform>%n modified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted</source>
        <translation>
            <numerusform>%n deleted</numerusform>
            <numerusform>%n deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coupled</source>
        <translation>
            <numerusform>%n coupled</numerusform>
            <numerusform>%n coupled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncoupled</source>
        <translation>
            <numerusform>%n uncoupled</numerusform>
            <numerusform>%n uncoupled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the coupling of %n record(s)?</source>
        <translation>
            <numerusform>Remove the coupling of %n record?</numerusform>
            <numerusform>Remove the coupling of %n records?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) in the app where each still exists, and remove the couplings?</source>
        <translation>
            <numerusform>Delete %n record in the app where it still exists, and remove the coupling?</numerusform>
            <numerusform>Delete %n records, each in the app where it still exists, and remove the couplings?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recreate %n record(s) in the app each was deleted from, from the other app&apos;s values?</source>
        <translation>
            <numerusform>Recreate %n record in the app it was deleted from, from the other app&apos;s values?</numerusform>
            <numerusform>Recreate %n records, each in the app it was deleted from, from the other app&apos;s values?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueActions</name>
    <message numerus="yes">
        <source>%n entry(s) set on hold</source>
        <translation>
            <numerusform>%n entry set on hold</numerusform>
            <numerusform>%n entries set on hold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) set ready</source>
        <translation>
            <numerusform>%n entry set ready</numerusform>
            <numerusform>%n entries set ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) due now; this window runs them in a moment</source>
        <translation>
            <numerusform>%n entry due now; this window runs them in a moment</numerusform>
            <numerusform>%n entries due now; this window runs them in a moment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) due now; they run when a worker or another window next looks at the queue</source>
        <translation>
            <numerusform>%n entry due now; they run when a worker or another window next looks at the queue</numerusform>
            <numerusform>%n entries due now; they run when a worker or another window next looks at the queue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordListPane</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n record so far; scroll for more</numerusform>
            <numerusform>%n records so far; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordWindow</name>
    <message numerus="yes">
        <source>%n reason(s) found</source>
        <translation>
            <numerusform>%n reason found</numerusform>
            <numerusform>%n reasons found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimilarDialog</name>
    <message numerus="yes">
        <source>%n open error(s) of mapping {mapping} are alike: {why}.</source>
        <translation>
            <numerusform>%n open error of mapping {mapping} is alike: {why}.</numerusform>
            <numerusform>%n open errors of mapping {mapping} are alike: {why}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applying to %n error(s)…</source>
        <translation>
            <numerusform>Applying to %n error…</numerusform>
            <numerusform>Applying to %n errors…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be resolved:</source>
        <translation>
            <numerusform>%n could not be resolved:</numerusform>
            <numerusform>%n could not be resolved:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimilarOffer</name>
    <message numerus="yes">
        <source>Apply the Same to %n Similar Error(s)…</source>
        <translation>
            <numerusform>Apply the Same to %n Similar Error…</numerusform>
            <numerusform>Apply the Same to %n Similar Errors…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%n record(s) will be retried at the next synchronization</source>
        <translation>
            <numerusform>%n record will be retried at the next synchronization</numerusform>
            <numerusform>%n records will be retried at the next synchronization</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coupling(s) removed</source>
        <translation>
            <numerusform>%n coupling removed</numerusform>
            <numerusform>%n couplings removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) synchronized</source>
        <translation>
            <numerusform>%n record synchronized</numerusform>
            <numerusform>%n records synchronized</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) restored</source>
        <translation>
            <numerusform>%n record restored</numerusform>
            <numerusform>%n records restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) deleted</source>
        <translation>
            <numerusform>%n record deleted</numerusform>
            <numerusform>%n records deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) coupled</source>
        <translation>
            <numerusform>%n record coupled</numerusform>
            <numerusform>%n records coupled</numerusform>
        </translation>
    </message>
</context>
</TS>
