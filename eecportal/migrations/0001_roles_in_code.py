# The site's migrations 0001–0019 squashed; their role-table runs dropped (see below).

import django.contrib.postgres.indexes
import django.contrib.postgres.operations
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('eecportal', '0001_initial'), ('eecportal', '0002_roles'), ('eecportal', '0003_roles_knowledge'), ('eecportal', '0004_roles_comments'), ('eecportal', '0005_search_title_gist'), ('eecportal', '0006_search_vocabulary'), ('eecportal', '0007_roles_consultations'), ('eecportal', '0008_roles_submissions'), ('eecportal', '0009_roles_axes'), ('eecportal', '0010_roles_spatial'), ('eecportal', '0011_roles_meetings'), ('eecportal', '0012_roles_agreements'), ('eecportal', '0013_roles_data_requests'), ('eecportal', '0014_roles_documents'), ('eecportal', '0015_roles_planning'), ('eecportal', '0016_roles_audit_affiliations'), ('eecportal', '0017_roles_second_factor'), ('eecportal', '0018_privacy_requests'), ('eecportal', '0019_roles_privacy_requests')]

    initial = True

    # The role groups are no longer made here: eecportal.roles syncs them after every
    # migrate (post_migrate), so old migrations no longer re-run today's role table.
    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        django.contrib.postgres.operations.TrigramExtension(
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('language', models.CharField(max_length=5, verbose_name='language')),
                ('section', models.CharField(choices=[('spatial', 'Spatial data'), ('knowledge', 'Knowledge management'), ('coordination', 'Coordination'), ('planning', 'Plan integration')], max_length=20, verbose_name='section')),
                ('title', models.TextField(verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('url', models.CharField(max_length=500, verbose_name='URL')),
                ('is_fallback', models.BooleanField(default=False, verbose_name='shown in the other language')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['vector'], name='search_entry_vector')],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language'), name='search_entry_unique')],
            },
        ),
        migrations.CreateModel(
            name='PrivacyRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('kind', models.CharField(choices=[('access', 'A copy of my data'), ('erasure', 'Erase my data')], max_length=10, verbose_name='request')),
                ('language', models.CharField(max_length=5, verbose_name='language')),
                ('token', models.CharField(max_length=64, unique=True, verbose_name='token')),
                ('status', models.CharField(choices=[('unverified', 'Waiting for email verification'), ('open', 'Open'), ('fulfilled', 'Fulfilled'), ('declined', 'Declined')], default='unverified', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='received at')),
                ('verified_at', models.DateTimeField(blank=True, null=True, verbose_name='verified at')),
                ('due_at', models.DateTimeField(blank=True, null=True, verbose_name='answer due by')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('note', models.TextField(blank=True, help_text='Sent with the answer; required when a request is declined.', verbose_name='note to the requester')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by')),
            ],
            options={
                'verbose_name': 'privacy request',
                'verbose_name_plural': 'privacy requests',
                'ordering': ['due_at', 'created_at'],
                'indexes': [models.Index(fields=['status', 'due_at'], name='privacy_request_due')],
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100, unique=True, verbose_name='word')),
            ],
            options={
                'verbose_name': 'search term',
                'verbose_name_plural': 'search terms',
                'indexes': [django.contrib.postgres.indexes.GistIndex(fields=['word'], name='search_term_trgm', opclasses=['gist_trgm_ops'])],
            },
        ),
    ]
