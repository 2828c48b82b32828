"""Subscriber imports run by a worker, with their progress and report."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0006_one_send_per_issue_and_list'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('language', models.CharField(default='lv', max_length=10)),
                ('content', models.BinaryField(blank=True)),
                ('confirmed', models.BooleanField(default=False)),
                ('consent', models.TextField(blank=True)),
                ('state', models.CharField(choices=[('queued', 'Waiting'), ('running', 'Importing'), ('finished', 'Finished'), ('failed', 'Failed')], default='queued', max_length=10)),
                ('rows_total', models.PositiveIntegerField(default=0)),
                ('rows_done', models.PositiveIntegerField(default=0)),
                ('report', models.JSONField(blank=True, default=dict)),
                ('error', models.TextField(blank=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('mailing_list', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsletter.mailinglist')),
            ],
            options={
                'verbose_name': 'subscriber import',
                'verbose_name_plural': 'subscriber imports',
                'ordering': ['-created_at'],
            },
        ),
    ]
